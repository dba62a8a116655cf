using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Sum, mean and max over all elements or along one axis.</summary>
internal static class ReductionOps
{
    /// <summary>Σ of all elements, as a rank-0 tensor; the gradient broadcasts back.</summary>
    public static Tensor Sum(Tensor x)
    {
        x.RequireFloatingPoint("Sum");
        var xc = x.Contiguous();
        var y = x.IsFloat64 ? Tensor.Scalar(Reductions.Sum(xc.Span<double>()), DType.Float64)
                            : Tensor.Scalar(Reductions.Sum(xc.Span<float>()), DType.Float32);
        // ∂(Σ x)/∂xᵢ = 1
        return Graph.Record(y, "Sum", [x], g => [ViewOps.Expand(g, x.Shape).Contiguous()]);
    }

    /// <summary>Mean of all elements, as a rank-0 tensor.</summary>
    public static Tensor Mean(Tensor x) => ScalarOps.Affine(Sum(x), 1.0 / Math.Max(1, x.Count), 0);

    /// <summary>Σ along <paramref name="axis"/>; keepDim leaves it as size 1.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDim)
    {
        x.RequireFloatingPoint("Sum");
        int a = x.Shape.NormalizeAxis(axis);
        var xc = x.Contiguous();
        var kept = KeptShape(x.Shape, a);
        var y = Tensor.Empty(kept, x.DType);
        int outer = x.Shape.Product(0, a), n = x.Shape.Dims[a], inner = x.Shape.Product(a + 1, x.Rank);
        if (x.IsFloat64) Reductions.SumAxis(xc.Span<double>(), outer, n, inner, y.Span<double>());
        else Reductions.SumAxis(xc.Span<float>(), outer, n, inner, y.Span<float>());
        y = Graph.Record(y, "Sum", [x], g => [ViewOps.Expand(g, x.Shape).Contiguous()]);
        return keepDim ? y : ViewOps.Reshape(y, DropAxis(x.Shape, a));
    }

    /// <summary>Mean along <paramref name="axis"/>.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDim) =>
        ScalarOps.Affine(Sum(x, axis, keepDim), 1.0 / Math.Max(1, x.Shape[axis]), 0);

    /// <summary>Max along <paramref name="axis"/>; the gradient flows to the first arg-max.</summary>
    public static Tensor Max(Tensor x, int axis, bool keepDim)
    {
        x.RequireFloatingPoint("Max");
        int a = x.Shape.NormalizeAxis(axis);
        var xc = x.Contiguous();
        int outer = x.Shape.Product(0, a), n = x.Shape.Dims[a], inner = x.Shape.Product(a + 1, x.Rank);
        if (n == 0) throw new ArgumentException($"Max along empty axis {a} of shape {x.Shape}.");
        var index = new int[outer * inner];
        var y = Tensor.Empty(KeptShape(x.Shape, a), x.DType);
        if (x.IsFloat64) MaxForward<double>(xc, outer, n, inner, index, y);
        else MaxForward<float>(xc, outer, n, inner, index, y);
        y = Graph.Record(y, "Max", [x], g =>
        {
            var dx = Tensor.ZerosLike(x);
            if (x.IsFloat64) Route<double>(g, index, n, inner, dx);
            else Route<float>(g, index, n, inner, dx);
            return [dx];
        });
        return keepDim ? y : ViewOps.Reshape(y, DropAxis(x.Shape, a));
    }

    private static void MaxForward<T>(Tensor x, int outer, int n, int inner, int[] index, Tensor y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Reductions.ArgMaxAxis(x.Span<T>(), outer, n, inner, index);
        ReadOnlySpan<T> xs = x.Span<T>();
        Span<T> ys = y.Span<T>();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                ys[o * inner + i] = xs[(o * n + index[o * inner + i]) * inner + i];
    }

    // ∂(max x)/∂xⱼ = 1 for the arg-max j, 0 elsewhere.
    private static void Route<T>(Tensor g, int[] index, int n, int inner, Tensor dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> gs = g.Span<T>();
        Span<T> ds = dx.Span<T>();
        for (int k = 0; k < index.Length; k++)
        {
            int o = k / inner, i = k % inner;
            ds[(o * n + index[k]) * inner + i] = gs[k];
        }
    }

    /// <summary>Index of the maximum along <paramref name="axis"/>, as an Int32 tensor without that axis.</summary>
    public static Tensor ArgMax(Tensor x, int axis)
    {
        x.RequireFloatingPoint("ArgMax");
        int a = x.Shape.NormalizeAxis(axis);
        var xc = x.Contiguous();
        int outer = x.Shape.Product(0, a), n = x.Shape.Dims[a], inner = x.Shape.Product(a + 1, x.Rank);
        var y = Tensor.Empty(new Shape(DropAxis(x.Shape, a)), DType.Int32);
        if (x.IsFloat64) Reductions.ArgMaxAxis(xc.Span<double>(), outer, n, inner, y.Span<int>());
        else Reductions.ArgMaxAxis(xc.Span<float>(), outer, n, inner, y.Span<int>());
        return y;
    }

    private static Shape KeptShape(Shape s, int axis)
    {
        var dims = s.ToArray();
        dims[axis] = 1;
        return new Shape(dims);
    }

    private static int[] DropAxis(Shape s, int axis)
    {
        var dims = new List<int>(s.ToArray());
        dims.RemoveAt(axis);
        return [.. dims];
    }
}
