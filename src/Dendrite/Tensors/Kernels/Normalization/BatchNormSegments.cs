using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Tensors.Kernels.Operators;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The vector loops of <see cref="BatchNormalization"/> over one segment x[i, ch, :] of S values (one image's plane of one
/// channel): its moments, its gradient sums, and the per-channel affine maps of forward and backward.
/// </summary>
/// <remarks>Sums run in 256-bit lanes (128-bit where only those are accelerated, as on Arm) with two accumulators and
/// then one fixed combine, so a segment's result depends only on its values and the machine, never on the thread that
/// runs it; the maps run through <see cref="VectorDriver"/> with their operator structs.</remarks>
internal static class BatchNormSegments
{
    /// <summary>d = Σ(xᵢ − k)/len and Σ((xᵢ − k) − d)², vector lanes then a fixed combine.</summary>
    public static (T Mean, T M2) SegmentMoments<T>(ReadOnlySpan<T> x, T k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rx = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<T>.Count)
        {
            nuint w = (nuint)Vector256<T>.Count;
            var vk = Vector256.Create(k);
            Vector256<T> a0 = Vector256<T>.Zero, a1 = Vector256<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                a0 += Vector256.LoadUnsafe(ref rx, i) - vk;
                a1 += Vector256.LoadUnsafe(ref rx, i + w) - vk;
            }
            for (; i + w <= n; i += w) a0 += Vector256.LoadUnsafe(ref rx, i) - vk;
            sum = Vector256.Sum(a0 + a1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<T>.Count)
        {
            nuint w = (nuint)Vector128<T>.Count;
            var vk = Vector128.Create(k);
            Vector128<T> a0 = Vector128<T>.Zero, a1 = Vector128<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                a0 += Vector128.LoadUnsafe(ref rx, i) - vk;
                a1 += Vector128.LoadUnsafe(ref rx, i + w) - vk;
            }
            for (; i + w <= n; i += w) a0 += Vector128.LoadUnsafe(ref rx, i) - vk;
            sum = Vector128.Sum(a0 + a1);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref rx, i) - k;
        T d = sum / T.CreateTruncating(x.Length), m2 = T.Zero;
        i = 0;
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<T>.Count)
        {
            nuint w = (nuint)Vector256<T>.Count;
            Vector256<T> vk = Vector256.Create(k), vd = Vector256.Create(d), a0 = Vector256<T>.Zero, a1 = Vector256<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var e0 = Vector256.LoadUnsafe(ref rx, i) - vk - vd;
                var e1 = Vector256.LoadUnsafe(ref rx, i + w) - vk - vd;
                a0 += e0 * e0;
                a1 += e1 * e1;
            }
            for (; i + w <= n; i += w)
            {
                var e = Vector256.LoadUnsafe(ref rx, i) - vk - vd;
                a0 += e * e;
            }
            m2 = Vector256.Sum(a0 + a1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<T>.Count)
        {
            nuint w = (nuint)Vector128<T>.Count;
            Vector128<T> vk = Vector128.Create(k), vd = Vector128.Create(d), a0 = Vector128<T>.Zero, a1 = Vector128<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var e0 = Vector128.LoadUnsafe(ref rx, i) - vk - vd;
                var e1 = Vector128.LoadUnsafe(ref rx, i + w) - vk - vd;
                a0 += e0 * e0;
                a1 += e1 * e1;
            }
            for (; i + w <= n; i += w)
            {
                var e = Vector128.LoadUnsafe(ref rx, i) - vk - vd;
                a0 += e * e;
            }
            m2 = Vector128.Sum(a0 + a1);
        }
        for (; i < n; i++)
        {
            T e = Unsafe.Add(ref rx, i) - k - d;
            m2 += e * e;
        }
        return (d, m2);
    }

    /// <summary>(Σ gᵢ, Σ gᵢ·(xᵢ − m)), vector lanes then a fixed combine.</summary>
    public static (T SumG, T SumGx) SumAndCenteredDot<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length < g.Length) throw new ArgumentException("x is shorter than the gradient.", nameof(x));
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T rx = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)g.Length, i = 0;
        T sg = T.Zero, sgx = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<T>.Count)
        {
            nuint w = (nuint)Vector256<T>.Count;
            Vector256<T> vm = Vector256.Create(m), g0 = Vector256<T>.Zero, g1 = g0, p0 = g0, p1 = g0;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var ga = Vector256.LoadUnsafe(ref rg, i);
                var gb = Vector256.LoadUnsafe(ref rg, i + w);
                g0 += ga;
                g1 += gb;
                p0 += ga * (Vector256.LoadUnsafe(ref rx, i) - vm);
                p1 += gb * (Vector256.LoadUnsafe(ref rx, i + w) - vm);
            }
            for (; i + w <= n; i += w)
            {
                var ga = Vector256.LoadUnsafe(ref rg, i);
                g0 += ga;
                p0 += ga * (Vector256.LoadUnsafe(ref rx, i) - vm);
            }
            sg = Vector256.Sum(g0 + g1);
            sgx = Vector256.Sum(p0 + p1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<T>.Count)
        {
            nuint w = (nuint)Vector128<T>.Count;
            Vector128<T> vm = Vector128.Create(m), g0 = Vector128<T>.Zero, g1 = g0, p0 = g0, p1 = g0;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var ga = Vector128.LoadUnsafe(ref rg, i);
                var gb = Vector128.LoadUnsafe(ref rg, i + w);
                g0 += ga;
                g1 += gb;
                p0 += ga * (Vector128.LoadUnsafe(ref rx, i) - vm);
                p1 += gb * (Vector128.LoadUnsafe(ref rx, i + w) - vm);
            }
            for (; i + w <= n; i += w)
            {
                var ga = Vector128.LoadUnsafe(ref rg, i);
                g0 += ga;
                p0 += ga * (Vector128.LoadUnsafe(ref rx, i) - vm);
            }
            sg = Vector128.Sum(g0 + g1);
            sgx = Vector128.Sum(p0 + p1);
        }
        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref rg, i);
            sg += gi;
            sgx += gi * (Unsafe.Add(ref rx, i) - m);
        }
        return (sg, sgx);
    }

    /// <summary>y = (x − m)·scale + shift.</summary>
    public static void ScaleShift<T>(ReadOnlySpan<T> x, T m, T scale, T shift, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorDriver.Unary(x, y, new ScaleShiftOperator<T>(m, scale, shift));

    /// <summary>dx = a·g + (b·(x − m) + c).</summary>
    public static void Combine<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m, T a, T b, T c, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length < g.Length || dx.Length < g.Length) throw new ArgumentException("Spans must be as long as the gradient.");
        VectorDriver.Binary(g, x[..g.Length], dx, new CombineOperator<T>(m, a, b, c));
    }
}
