using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Σ xᵢ and Σ xᵢyᵢ in a fixed order: four vector accumulators over unaligned loads from index 0, then the
/// accumulators combined in a fixed tree and a scalar tail.
/// </summary>
/// <remarks>
/// TensorPrimitives.Sum aligns its loop to the array's address, so its rounding depends on where the garbage
/// collector placed the data and the same program can differ in the last bit from run to run. These do not:
/// for a given vector width the result depends only on the values.
/// </remarks>
internal static class OrderedSum
{
    /// <summary>Σᵢ xᵢ.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
                a1 += Vector256.LoadUnsafe(ref r, (nuint)(i + w));
                a2 += Vector256.LoadUnsafe(ref r, (nuint)(i + 2 * w));
                a3 += Vector256.LoadUnsafe(ref r, (nuint)(i + 3 * w));
            }
            for (; i <= n - w; i += w) a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            int w = Vector128<T>.Count;
            Vector128<T> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 += Vector128.LoadUnsafe(ref r, (nuint)i);
                a1 += Vector128.LoadUnsafe(ref r, (nuint)(i + w));
                a2 += Vector128.LoadUnsafe(ref r, (nuint)(i + 2 * w));
                a3 += Vector128.LoadUnsafe(ref r, (nuint)(i + 3 * w));
            }
            for (; i <= n - w; i += w) a0 += Vector128.LoadUnsafe(ref r, (nuint)i);
            sum = Vector128.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++) sum += Unsafe.Add(ref r, i);
        return sum;
    }

    /// <summary>Σᵢ xᵢ·yᵢ (x and y of equal length).</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Dot: lengths differ ({x.Length} vs {y.Length}).");
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            Vector256<T> a0 = default, a1 = default;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                a0 += Vector256.LoadUnsafe(ref rx, (nuint)i) * Vector256.LoadUnsafe(ref ry, (nuint)i);
                a1 += Vector256.LoadUnsafe(ref rx, (nuint)(i + w)) * Vector256.LoadUnsafe(ref ry, (nuint)(i + w));
            }
            for (; i <= n - w; i += w) a0 += Vector256.LoadUnsafe(ref rx, (nuint)i) * Vector256.LoadUnsafe(ref ry, (nuint)i);
            sum = Vector256.Sum(a0 + a1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            int w = Vector128<T>.Count;
            Vector128<T> a0 = default, a1 = default;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                a0 += Vector128.LoadUnsafe(ref rx, (nuint)i) * Vector128.LoadUnsafe(ref ry, (nuint)i);
                a1 += Vector128.LoadUnsafe(ref rx, (nuint)(i + w)) * Vector128.LoadUnsafe(ref ry, (nuint)(i + w));
            }
            for (; i <= n - w; i += w) a0 += Vector128.LoadUnsafe(ref rx, (nuint)i) * Vector128.LoadUnsafe(ref ry, (nuint)i);
            sum = Vector128.Sum(a0 + a1);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref rx, i) * Unsafe.Add(ref ry, i);
        return sum;
    }
}
