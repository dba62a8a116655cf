using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>Reductions over whole spans and along one axis of an [outer, n, inner] block.</summary>
/// <remarks>
/// A contiguous tensor reduced along axis d is viewed as [outer, n, inner], where outer is the product
/// of the sizes before d, n the size of d and inner the product of the sizes after it. The result has
/// outer·inner elements laid out as [outer, inner]. When inner = 1 each output is one contiguous
/// reduction of n elements; when inner &gt; 1 the n rows of length inner are combined elementwise, so
/// the vector lanes run along inner and every load is contiguous.
/// </remarks>
internal static class Reductions
{
    /// <summary>Σᵢ xᵢ.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => OrderedSum.Sum(x);

    /// <summary>maxᵢ xᵢ (NaN if x is empty or holds a NaN).</summary>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.IsEmpty ? T.NaN : TensorPrimitives.Max(x);

    /// <summary>y[o, i] = Σⱼ x[o, j, i] (0 when n = 0).</summary>
    public static void SumAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<T> block = x.Slice(o * n * inner, n * inner);
            if (inner == 1) { y[o] = OrderedSum.Sum(block); continue; }
            Span<T> row = y.Slice(o * inner, inner);
            if (n == 0) { row.Clear(); continue; }
            block[..inner].CopyTo(row);
            for (int j = 1; j < n; j++) TensorPrimitives.Add(row, block.Slice(j * inner, inner), row);
        }
    }

    /// <summary>y[o, i] = maxⱼ x[o, j, i], NaN if any of them is NaN; n must be at least 1.</summary>
    public static void MaxAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<T> block = x.Slice(o * n * inner, n * inner);
            if (inner == 1) { y[o] = TensorPrimitives.Max(block); continue; }
            Span<T> row = y.Slice(o * inner, inner);
            block[..inner].CopyTo(row);
            for (int j = 1; j < n; j++) TensorPrimitives.Max(row, block.Slice(j * inner, inner), row);
        }
    }

    /// <summary>
    /// index[o, i] = argmaxⱼ x[o, j, i]: the first index of the maximum, where a NaN counts as the
    /// maximum (so the index agrees with <see cref="MaxAxis"/>); n must be at least 1.
    /// </summary>
    /// <remarks>With inner = 1, TensorPrimitives.IndexOfMax ranks +0 above −0; with inner &gt; 1 they tie.</remarks>
    public static void ArgMaxAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<int> index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<T> block = x.Slice(o * n * inner, n * inner);
            if (inner == 1) index[o] = TensorPrimitives.IndexOfMax(block);
            else ColumnArgMax.Run(block, n, inner, index.Slice(o * inner, inner));
        }
    }
}
