using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The vector loops of <see cref="BatchNormalization"/> over one segment x[i, ch, :] of S values (one image's plane of one
/// channel): its moments, its gradient sums, and the per-channel affine maps of forward and backward.
/// </summary>
/// <remarks>Sums run in vector lanes (two accumulators) and then one fixed combine, so a segment's result depends only on
/// its values and the vector width, never on the thread that runs it.</remarks>
internal static class BatchNormSegments
{
    /// <summary>d = Σ(xᵢ − k)/len and Σ((xᵢ − k) − d)², vector lanes then a fixed combine.</summary>
    public static (T Mean, T M2) SegmentMoments<T>(ReadOnlySpan<T> x, T k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rx = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0, w = (nuint)Vector<T>.Count;
        T sum = T.Zero;
        var vk = new Vector<T>(k);
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                a0 += Vector.LoadUnsafe(ref rx, i) - vk;
                a1 += Vector.LoadUnsafe(ref rx, i + w) - vk;
            }
            for (; i + w <= n; i += w) a0 += Vector.LoadUnsafe(ref rx, i) - vk;
            sum = Vector.Sum(a0 + a1);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref rx, i) - k;
        T d = sum / T.CreateTruncating(x.Length), m2 = T.Zero;
        i = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            var vd = new Vector<T>(d);
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var e0 = Vector.LoadUnsafe(ref rx, i) - vk - vd;
                var e1 = Vector.LoadUnsafe(ref rx, i + w) - vk - vd;
                a0 += e0 * e0;
                a1 += e1 * e1;
            }
            for (; i + w <= n; i += w)
            {
                var e = Vector.LoadUnsafe(ref rx, i) - vk - vd;
                a0 += e * e;
            }
            m2 = Vector.Sum(a0 + a1);
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
        nuint n = (nuint)g.Length, i = 0, w = (nuint)Vector<T>.Count;
        T sg = T.Zero, sgx = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            var vm = new Vector<T>(m);
            Vector<T> g0 = Vector<T>.Zero, g1 = Vector<T>.Zero, p0 = Vector<T>.Zero, p1 = Vector<T>.Zero;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var ga = Vector.LoadUnsafe(ref rg, i);
                var gb = Vector.LoadUnsafe(ref rg, i + w);
                g0 += ga;
                g1 += gb;
                p0 += ga * (Vector.LoadUnsafe(ref rx, i) - vm);
                p1 += gb * (Vector.LoadUnsafe(ref rx, i + w) - vm);
            }
            for (; i + w <= n; i += w)
            {
                var ga = Vector.LoadUnsafe(ref rg, i);
                g0 += ga;
                p0 += ga * (Vector.LoadUnsafe(ref rx, i) - vm);
            }
            sg = Vector.Sum(g0 + g1);
            sgx = Vector.Sum(p0 + p1);
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
    public static void ScaleShift<T>(ReadOnlySpan<T> x, T m, T scale, T shift, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < x.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(y));
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length, i = 0, w = (nuint)Vector<T>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vm = new(m), vs = new(scale), vb = new(shift);
            for (; i + w <= n; i += w)
                ((Vector.LoadUnsafe(ref rx, i) - vm) * vs + vb).StoreUnsafe(ref ry, i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) = (Unsafe.Add(ref rx, i) - m) * scale + shift;
    }

    /// <summary>dx = a·g + (b·(x − m) + c).</summary>
    public static void Combine<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m, T a, T b, T c, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length < g.Length || dx.Length < g.Length) throw new ArgumentException("Spans must be as long as the gradient.");
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rd = ref MemoryMarshal.GetReference(dx);
        nuint n = (nuint)g.Length, i = 0, w = (nuint)Vector<T>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vm = new(m), va = new(a), vb = new(b), vc = new(c);
            for (; i + w <= n; i += w)
                (va * Vector.LoadUnsafe(ref rg, i) + (vb * (Vector.LoadUnsafe(ref rx, i) - vm) + vc)).StoreUnsafe(ref rd, i);
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = a * Unsafe.Add(ref rg, i) + (b * (Unsafe.Add(ref rx, i) - m) + c);
    }
}
