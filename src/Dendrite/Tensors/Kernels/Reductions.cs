using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>Reductions over whole spans and along one axis of an [outer, n, inner] block.</summary>
/// <remarks>
/// A contiguous tensor reduced along axis d is viewed as [outer, n, inner], where outer is the product
/// of the sizes before d, n the size of d and inner the product of the sizes after it. The result has
/// outer·inner elements laid out as [outer, inner].
/// </remarks>
internal static class Reductions
{
    /// <summary>Σᵢ xᵢ.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Sum(x);

    /// <summary>maxᵢ xᵢ (NaN if x is empty).</summary>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.IsEmpty ? T.NaN : TensorPrimitives.Max(x);

    /// <summary>y[o, i] = Σⱼ x[o, j, i].</summary>
    public static void SumAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            Span<T> row = y.Slice(o * inner, inner);
            row.Clear();
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<T> src = x.Slice((o * n + j) * inner, inner);
                for (int i = 0; i < inner; i++) row[i] += src[i];
            }
        }
    }

    /// <summary>y[o, i] = maxⱼ x[o, j, i]; n must be at least 1.</summary>
    public static void MaxAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                T best = x[o * n * inner + i];
                for (int j = 1; j < n; j++)
                {
                    T v = x[(o * n + j) * inner + i];
                    if (v > best || T.IsNaN(v)) best = v;
                }
                y[o * inner + i] = best;
            }
        }
    }

    /// <summary>index[o, i] = argmaxⱼ x[o, j, i] (first index of the maximum).</summary>
    public static void ArgMaxAxis<T>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<int> index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = x[o * n * inner + i];
                for (int j = 1; j < n; j++)
                {
                    T v = x[(o * n + j) * inner + i];
                    if (v > bestValue) { best = j; bestValue = v; }
                }
                index[o * inner + i] = best;
            }
        }
    }
}
