using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// L2 normalization along an axis, y = x / max(‖x‖₂, ε) (PyTorch's <c>F.normalize</c> with p = 2), with its backward
/// ∂y/∂x = (I − y·yᵀ)/‖x‖ where the norm exceeds ε and I/ε where it is clamped.
/// </summary>
internal static class NormalizeOp
{
    public static Tensor Apply(Tensor x, int axis, double epsilon)
    {
        x.RequireFloatingPoint("Normalize");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"Normalize needs ε > 0 but got {epsilon}.");
        if (x.Rank == 0) throw new ArgumentException("Normalize needs a tensor with at least one axis but got a scalar.");
        int a = x.Shape.NormalizeAxis(axis);
        int outer = x.Shape.Product(0, a), n = x.Shape.Dims[a], inner = x.Shape.Product(a + 1, x.Rank);
        var xc = x.Contiguous();
        var y = Tensor.Empty(x.Shape, x.DType);
        var norms = new double[outer * inner]; // kept for the backward
        if (x.IsFloat64) L2Normalization.Forward(xc.Span<double>(), outer, n, inner, epsilon, y.Span<double>(), norms);
        else L2Normalization.Forward(xc.Span<float>(), outer, n, inner, epsilon, y.Span<float>(), norms);
        return Graph.Record(y, "Normalize", [xc], g => [x.IsFloat64
            ? Backward<double>(y, g, norms, outer, n, inner, epsilon)
            : Backward<float>(y, g, norms, outer, n, inner, epsilon)]);
    }

    private static Tensor Backward<T>(Tensor y, Tensor g, double[] norms, int outer, int n, int inner, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dx = Tensor.Empty(y.Shape, y.DType);
        L2Normalization.Backward(y.Span<T>(), g.Contiguous().Span<T>(), norms, outer, n, inner, epsilon, dx.Span<T>());
        return dx;
    }
}
