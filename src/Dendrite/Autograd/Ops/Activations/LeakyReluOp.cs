using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Leaky ReLU: y = x where x &gt; 0, else slope·x; ∂y/∂x = 1 or slope.</summary>
internal static class LeakyReluOp
{
    public static Tensor Apply(Tensor x, double slope)
    {
        x.RequireFloatingPoint("LeakyRelu");
        x = x.Contiguous();
        var y = Tensor.Empty(x.Shape, x.DType);
        if (x.IsFloat64) Activations.LeakyRelu(x.Span<double>(), slope, y.Span<double>());
        else Activations.LeakyRelu(x.Span<float>(), (float)slope, y.Span<float>());
        return Graph.Record(y, "LeakyRelu", [x], g => [x.IsFloat64 ? Backward<double>(x, g, slope) : Backward<float>(x, g, slope)]);
    }

    private static Tensor Backward<T>(Tensor x, Tensor g, double slope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dx = Tensor.Empty(x.Shape, x.DType);
        Activations.LeakyReluBackward(x.Span<T>(), g.Span<T>(), T.CreateChecked(slope), dx.Span<T>());
        return dx;
    }
}
