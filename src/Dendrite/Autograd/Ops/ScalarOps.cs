using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Ops with a constant: the affine map scale·x + shift, and powers x^p.</summary>
internal static class ScalarOps
{
    /// <summary>y = scale·x + shift; covers x ± s, s − x, x·s, x/s and −x.</summary>
    public static Tensor Affine(Tensor x, double scale, double shift)
    {
        x.RequireFloatingPoint("Affine");
        var y = x.IsFloat64 ? Affine<double>(x, scale, shift) : Affine<float>(x, scale, shift);
        // ∂(scale·x + shift)/∂x = scale
        return Graph.Record(y, "Affine", [x], g => [Affine(g, scale, 0)]);
    }

    private static Tensor Affine<T>(Tensor x, double scale, double shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(x.Shape, x.DType);
        var xs = x.Contiguous().Span<T>();
        var ys = y.Span<T>();
        if (scale == 1) Elementwise.Add(xs, T.CreateChecked(shift), ys);
        else if (shift == 0) Elementwise.Multiply(xs, T.CreateChecked(scale), ys);
        else
        {
            Elementwise.Multiply(xs, T.CreateChecked(scale), ys);
            Elementwise.Add(ys, T.CreateChecked(shift), ys);
        }
        return y;
    }

    /// <summary>y = xᵖ elementwise.</summary>
    public static Tensor Pow(Tensor x, double p)
    {
        x.RequireFloatingPoint("Pow");
        var y = x.IsFloat64 ? Pow<double>(x, p) : Pow<float>(x, p);
        // ∂xᵖ/∂x = p·xᵖ⁻¹
        return Graph.Record(y, "Pow", [x], g => [ArithmeticOps.Multiply(g, Affine(Pow(x, p - 1), p, 0))]);
    }

    private static Tensor Pow<T>(Tensor x, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(x.Shape, x.DType);
        var xs = x.Contiguous().Span<T>();
        var ys = y.Span<T>();
        if (p == 2) Elementwise.Square(xs, ys);
        else if (p == 0.5) Elementwise.Sqrt(xs, ys);
        else if (p == 1) xs.CopyTo(ys);
        else
        {
            T tp = T.CreateChecked(p);
            for (int i = 0; i < xs.Length; i++) ys[i] = T.Pow(xs[i], tp);
        }
        return y;
    }
}
