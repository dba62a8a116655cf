using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Column-wise argmax of an [n, inner] block, vectorized along inner.</summary>
/// <remarks>
/// Walks the rows once, keeping per column the best value so far and the row it came from. Row j
/// replaces the best b when v &gt; b, or when v is NaN and b is not, so the first maximum wins and a NaN
/// counts as the maximum. The row index is carried as a T in the vector lanes (lane widths then match
/// the values'), which is exact while the spacing of T just above n − 1 is at most 1; longer columns take the scalar path.
/// </remarks>
internal static class ColumnArgMax
{
    /// <summary>index[i] = argmaxⱼ x[j·inner + i] for i &lt; inner; n must be at least 1.</summary>
    public static void Run<T>(ReadOnlySpan<T> x, int n, int inner, Span<int> index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T last = T.CreateTruncating(n - 1);
        if (T.BitIncrement(last) - last > T.One) { RunScalar(x, n, inner, index); return; }
        T[] rented = ArrayPool<T>.Shared.Rent(2 * inner);
        Span<T> best = rented.AsSpan(0, inner), bestRow = rented.AsSpan(inner, inner);
        x[..inner].CopyTo(best);
        bestRow.Clear();
        for (int j = 1; j < n; j++) Step(x.Slice(j * inner, inner), T.CreateTruncating(j), best, bestRow);
        for (int i = 0; i < inner; i++) index[i] = int.CreateTruncating(bestRow[i]);
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>Folds row j into the running (best, bestRow) pair, column by column.</summary>
    private static void Step<T>(ReadOnlySpan<T> row, T j, Span<T> best, Span<T> bestRow) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T v = ref MemoryMarshal.GetReference(row);
        ref T b = ref MemoryMarshal.GetReference(best);
        ref T r = ref MemoryMarshal.GetReference(bestRow);
        nuint n = (nuint)row.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> jv = Vector512.Create(j);
            for (nuint w = (nuint)Vector512<T>.Count; i + w <= n; i += w)
            {
                Vector512<T> vi = Vector512.LoadUnsafe(ref v, i), bi = Vector512.LoadUnsafe(ref b, i);
                Vector512<T> take = Vector512.GreaterThan(vi, bi) | (Vector512.Equals(bi, bi) & ~Vector512.Equals(vi, vi));
                Vector512.ConditionalSelect(take, vi, bi).StoreUnsafe(ref b, i);
                Vector512.ConditionalSelect(take, jv, Vector512.LoadUnsafe(ref r, i)).StoreUnsafe(ref r, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> jv = Vector256.Create(j);
            for (nuint w = (nuint)Vector256<T>.Count; i + w <= n; i += w)
            {
                Vector256<T> vi = Vector256.LoadUnsafe(ref v, i), bi = Vector256.LoadUnsafe(ref b, i);
                Vector256<T> take = Vector256.GreaterThan(vi, bi) | (Vector256.Equals(bi, bi) & ~Vector256.Equals(vi, vi));
                Vector256.ConditionalSelect(take, vi, bi).StoreUnsafe(ref b, i);
                Vector256.ConditionalSelect(take, jv, Vector256.LoadUnsafe(ref r, i)).StoreUnsafe(ref r, i);
            }
        }
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            Vector128<T> jv = Vector128.Create(j);
            for (nuint w = (nuint)Vector128<T>.Count; i + w <= n; i += w)
            {
                Vector128<T> vi = Vector128.LoadUnsafe(ref v, i), bi = Vector128.LoadUnsafe(ref b, i);
                Vector128<T> take = Vector128.GreaterThan(vi, bi) | (Vector128.Equals(bi, bi) & ~Vector128.Equals(vi, vi));
                Vector128.ConditionalSelect(take, vi, bi).StoreUnsafe(ref b, i);
                Vector128.ConditionalSelect(take, jv, Vector128.LoadUnsafe(ref r, i)).StoreUnsafe(ref r, i);
            }
        }
        for (; i < n; i++)
        {
            T vi = Unsafe.Add(ref v, i), bi = Unsafe.Add(ref b, i);
            if (vi > bi || (T.IsNaN(vi) && !T.IsNaN(bi))) { Unsafe.Add(ref b, i) = vi; Unsafe.Add(ref r, i) = j; }
        }
    }

    /// <summary>The same rule with int indices, for columns too long to index exactly in T.</summary>
    private static void RunScalar<T>(ReadOnlySpan<T> x, int n, int inner, Span<int> index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < inner; i++)
        {
            int bestRow = 0;
            T best = x[i];
            for (int j = 1; j < n; j++)
            {
                T v = x[j * inner + i];
                if (v > best || (T.IsNaN(v) && !T.IsNaN(best))) { best = v; bestRow = j; }
            }
            index[i] = bestRow;
        }
    }
}
