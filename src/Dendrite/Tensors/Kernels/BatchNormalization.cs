using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Batch-norm kernels over x viewed as [N, C, S] (S = H·W for images, 1 for features): per-channel statistics,
/// the fused normalize-scale-shift, and the two-pass backward. Channels run in parallel, one thread per channel, and
/// each channel reduces its N segments of S values in a fixed order, so results do not depend on the thread count.
/// </summary>
/// <remarks>
/// <para>Statistics take one pass over memory: each segment of S values (one image's plane, in L1) gets its sum and
/// then its squared deviations from its own mean, both of values shifted by the channel's first element, and the segments are merged in order with Chan et al.'s
/// pairwise update (mean += δ·Sₖ/(M + Sₖ), M2 += M2ₖ + δ²·M·Sₖ/(M + Sₖ)), which avoids the cancellation of Σx² − (Σx)²/M.</para>
/// <para>Backward needs only Σg and Σg·(x − μ) per channel (∂L/∂β and, times 1/σ, ∂L/∂γ); then
/// ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σg·x̂/M) is one fused pass a·g + b·(x − μ) + c, with x̂ recomputed from x.</para>
/// </remarks>
internal static class BatchNormalization
{
    /// <summary>
    /// Training forward: writes μ, the biased σ² and 1/√(σ² + ε) per channel and y = (x − μ)·γ/√(σ² + ε) + β.
    /// </summary>
    public static void TrainForward<T>(int n, int c, int s, ReadOnlyMemory<T> x, ReadOnlyMemory<T> gamma, ReadOnlyMemory<T> beta,
        double epsilon, Memory<T> y, double[] mean, double[] variance, double[] invStd) where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelParallel.For(c, 3.0 * n * s * c, ch =>
        {
            ReadOnlySpan<T> xs = x.Span;
            var (mu, sigma2) = Moments(xs, n, c, s, ch);
            mean[ch] = mu;
            variance[ch] = sigma2;
            invStd[ch] = 1 / Math.Sqrt(sigma2 + epsilon);
            T m = T.CreateTruncating(mu);
            T scale = T.CreateTruncating(double.CreateTruncating(gamma.Span[ch]) * invStd[ch]);
            Span<T> ys = y.Span;
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                ScaleShift(xs.Slice(o, s), m, scale, beta.Span[ch], ys.Slice(o, s));
            }
        });
    }

    /// <summary>Evaluation forward with fixed statistics: y = (x − mean)·scale + shift per channel.</summary>
    public static void EvalForward<T>(int n, int c, int s, ReadOnlyMemory<T> x, T[] mean, T[] scale, T[] shift, Memory<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelParallel.For(c, 2.0 * n * s * c, ch =>
        {
            ReadOnlySpan<T> xs = x.Span;
            Span<T> ys = y.Span;
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                ScaleShift(xs.Slice(o, s), mean[ch], scale[ch], shift[ch], ys.Slice(o, s));
            }
        });
    }

    /// <summary>
    /// Given g = ∂L/∂y and per-channel centre μ and 1/σ, writes ∂L/∂β = Σg and ∂L/∂γ = Σg·(x − μ)/σ, and, when
    /// <paramref name="dx"/> is not empty, ∂L/∂x = a·g + b·(x − μ) + c with the per-channel coefficients that
    /// <paramref name="coefficients"/> computes from (channel, Σg, Σg·(x − μ)).
    /// </summary>
    public static void Backward<T>(int n, int c, int s, ReadOnlyMemory<T> x, ReadOnlyMemory<T> g, T[] mean, double[] invStd,
        Memory<T> dx, Memory<T> dGamma, Memory<T> dBeta, Func<int, double, double, (double A, double B, double C)> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelParallel.For(c, (dx.IsEmpty ? 2.0 : 4.0) * n * s * c, ch =>
        {
            ReadOnlySpan<T> xs = x.Span, gs = g.Span;
            T m = mean[ch];
            double sumG = 0, sumGx = 0;
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                var (a, b) = SumAndCenteredDot(gs.Slice(o, s), xs.Slice(o, s), m);
                sumG += double.CreateTruncating(a);
                sumGx += double.CreateTruncating(b);
            }
            dBeta.Span[ch] = T.CreateTruncating(sumG);                     // ∂L/∂β = Σg
            dGamma.Span[ch] = T.CreateTruncating(sumGx * invStd[ch]);      // ∂L/∂γ = Σg·x̂
            if (dx.IsEmpty) return;
            var (ca, cb, cc) = coefficients(ch, sumG, sumGx);
            T ta = T.CreateTruncating(ca), tb = T.CreateTruncating(cb), tc = T.CreateTruncating(cc);
            Span<T> ds = dx.Span;
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                Combine(gs.Slice(o, s), xs.Slice(o, s), m, ta, tb, tc, ds.Slice(o, s));
            }
        });
    }

    /// <summary>Mean and biased variance of channel <paramref name="ch"/>: segment moments merged in order (Chan et al.).</summary>
    /// <remarks>Values are shifted by the channel's first element k before summing, so a mean far from zero costs no precision.</remarks>
    private static (double Mean, double Variance) Moments<T>(ReadOnlySpan<T> x, int n, int c, int s, int ch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || s == 0) return (0, 0);
        T k = x[ch * s];
        double count = 0, mean = 0, m2 = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> seg = x.Slice((i * c + ch) * s, s);
            var (segMean, segM2) = SegmentMoments(seg, k);
            double ms = double.CreateTruncating(segMean), total = count + s, delta = ms - mean;
            mean += delta * s / total;
            m2 += double.CreateTruncating(segM2) + delta * delta * count * s / total;
            count = total;
        }
        return (double.CreateTruncating(k) + mean, m2 / count);
    }

    /// <summary>d = Σ(xᵢ − k)/len and Σ((xᵢ − k) − d)², vector lanes then a fixed combine.</summary>
    private static (T Mean, T M2) SegmentMoments<T>(ReadOnlySpan<T> x, T k) where T : unmanaged, IFloatingPointIeee754<T>
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
    private static (T SumG, T SumGx) SumAndCenteredDot<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
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
    private static void ScaleShift<T>(ReadOnlySpan<T> x, T m, T scale, T shift, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
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
    private static void Combine<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m, T a, T b, T c, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
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
