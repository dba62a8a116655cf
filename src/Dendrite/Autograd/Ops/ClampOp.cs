using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Clamp: y = min(max(x, lo), hi); ∂y/∂x = 1 where lo ≤ x ≤ hi, else 0.</summary>
internal static class ClampOp
{
    public static Tensor Apply(Tensor x, double lo, double hi)
    {
        x.RequireFloatingPoint("Clamp");
        if (!(lo <= hi)) throw new ArgumentException($"Clamp needs lo ≤ hi but got [{lo}, {hi}].");
        x = x.Contiguous();
        var y = Tensor.Empty(x.Shape, x.DType);
        if (x.IsFloat64) Clamping.Clamp(x.Span<double>(), lo, hi, y.Span<double>());
        else Clamping.Clamp(x.Span<float>(), (float)lo, (float)hi, y.Span<float>());
        return Graph.Record(y, "Clamp", [x], g => [x.IsFloat64 ? Backward<double>(x, g, lo, hi) : Backward<float>(x, g, lo, hi)]);
    }

    private static Tensor Backward<T>(Tensor x, Tensor g, double lo, double hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dx = Tensor.Empty(x.Shape, x.DType);
        Clamping.ClampBackward(x.Span<T>(), g.Contiguous().Span<T>(), T.CreateTruncating(lo), T.CreateTruncating(hi), dx.Span<T>());
        return dx;
    }
}
