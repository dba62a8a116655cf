using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Batch-norm kernels over x viewed as [N, C, S] (S = H·W for images, 1 for features): per-channel statistics,
/// the fused normalize-scale-shift, and the two-pass backward, each pass walking memory in order.
/// </summary>
/// <remarks>
/// <para>Every pass visits the segments x[i, ch, :] image by image and channel by channel, so the tensor streams through
/// the caches once per pass. The images are cut into at most <see cref="MaxChunks"/> chunks fixed by N alone; each chunk
/// keeps its own per-channel partial results, merged in chunk order, so results do not depend on the thread count.
/// Threads take (chunk, block of channels) items.</para>
/// <para>Statistics take one pass over memory: each segment of S values (one image's plane, in L1) gets its sum and
/// then its squared deviations from its own mean, both of values shifted by the channel's first element, and the
/// segments and then the chunks are merged in order with Chan et al.'s pairwise update (mean += δ·Sₖ/(M + Sₖ),
/// M2 += M2ₖ + δ²·M·Sₖ/(M + Sₖ)), which avoids the cancellation of Σx² − (Σx)²/M.</para>
/// <para>Backward needs only Σg and Σg·(x − μ) per channel (∂L/∂β and, times 1/σ, ∂L/∂γ); then
/// ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σg·x̂/M) is one fused pass a·g + b·(x − μ) + c, with x̂ recomputed from x.</para>
/// </remarks>
internal static class BatchNormalization
{
    /// <summary>Most chunks of images one call is cut into (each holds per-channel partial results).</summary>
    private const int MaxChunks = 8;

    /// <summary>
    /// Training forward: writes μ, the biased σ² and 1/√(σ² + ε) per channel and y = (x − μ)·γ/√(σ² + ε) + β.
    /// </summary>
    public static void TrainForward<T>(int n, int c, int s, ReadOnlyMemory<T> x, ReadOnlyMemory<T> gamma, ReadOnlyMemory<T> beta,
        double epsilon, Memory<T> y, double[] mean, double[] variance, double[] invStd) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = new Split(n, c, (double)n * c * s);
        var partial = new Moments[split.Chunks * c];
        var shift = new T[c];
        for (int ch = 0; ch < c && n > 0 && s > 0; ch++) shift[ch] = x.Span[ch * s];
        split.Run(2.0 * n * c * s, (chunk, i, ch) =>
        {
            var (segMean, segM2) = SegmentMoments(x.Span.Slice((i * c + ch) * s, s), shift[ch]);
            partial[chunk * c + ch].Add(s, double.CreateTruncating(segMean), double.CreateTruncating(segM2));
        });
        var m = new T[c];
        var scale = new T[c];
        for (int ch = 0; ch < c; ch++)
        {
            var total = new Moments();
            for (int chunk = 0; chunk < split.Chunks; chunk++) total.Add(partial[chunk * c + ch]);
            mean[ch] = double.CreateTruncating(shift[ch]) + total.Mean;
            variance[ch] = total.Count > 0 ? total.M2 / total.Count : 0;
            invStd[ch] = 1 / Math.Sqrt(variance[ch] + epsilon);
            m[ch] = T.CreateTruncating(mean[ch]);
            scale[ch] = T.CreateTruncating(double.CreateTruncating(gamma.Span[ch]) * invStd[ch]);
        }
        split.Run(2.0 * n * c * s, (_, i, ch) =>
        {
            int o = (i * c + ch) * s;
            ScaleShift(x.Span.Slice(o, s), m[ch], scale[ch], beta.Span[ch], y.Span.Slice(o, s));
        });
    }

    /// <summary>Evaluation forward with fixed statistics: y = (x − mean)·scale + shift per channel.</summary>
    public static void EvalForward<T>(int n, int c, int s, ReadOnlyMemory<T> x, T[] mean, T[] scale, T[] shift, Memory<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new Split(n, c, (double)n * c * s).Run(2.0 * n * c * s, (_, i, ch) =>
        {
            int o = (i * c + ch) * s;
            ScaleShift(x.Span.Slice(o, s), mean[ch], scale[ch], shift[ch], y.Span.Slice(o, s));
        });

    /// <summary>
    /// Given g = ∂L/∂y and per-channel centre μ and 1/σ, writes ∂L/∂β = Σg and ∂L/∂γ = Σg·(x − μ)/σ, and, when
    /// <paramref name="dx"/> is not empty, ∂L/∂x = a·g + b·(x − μ) + c with the per-channel coefficients that
    /// <paramref name="coefficients"/> computes from (channel, Σg, Σg·(x − μ)).
    /// </summary>
    public static void Backward<T>(int n, int c, int s, ReadOnlyMemory<T> x, ReadOnlyMemory<T> g, T[] mean, double[] invStd,
        Memory<T> dx, Memory<T> dGamma, Memory<T> dBeta, Func<int, double, double, (double A, double B, double C)> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = new Split(n, c, (double)n * c * s);
        var sums = new double[2 * split.Chunks * c];
        split.Run(2.0 * n * c * s, (chunk, i, ch) =>
        {
            int o = (i * c + ch) * s;
            var (a, b) = SumAndCenteredDot(g.Span.Slice(o, s), x.Span.Slice(o, s), mean[ch]);
            sums[2 * (chunk * c + ch)] += double.CreateTruncating(a);
            sums[2 * (chunk * c + ch) + 1] += double.CreateTruncating(b);
        });
        var ta = new T[c];
        var tb = new T[c];
        var tc = new T[c];
        for (int ch = 0; ch < c; ch++)
        {
            double sumG = 0, sumGx = 0;
            for (int chunk = 0; chunk < split.Chunks; chunk++)
            {
                sumG += sums[2 * (chunk * c + ch)];
                sumGx += sums[2 * (chunk * c + ch) + 1];
            }
            dBeta.Span[ch] = T.CreateTruncating(sumG);                     // ∂L/∂β = Σg
            dGamma.Span[ch] = T.CreateTruncating(sumGx * invStd[ch]);      // ∂L/∂γ = Σg·x̂
            var (ca, cb, cc) = coefficients(ch, sumG, sumGx);
            (ta[ch], tb[ch], tc[ch]) = (T.CreateTruncating(ca), T.CreateTruncating(cb), T.CreateTruncating(cc));
        }
        if (dx.IsEmpty) return;
        split.Run(3.0 * n * c * s, (_, i, ch) =>
        {
            int o = (i * c + ch) * s;
            Combine(g.Span.Slice(o, s), x.Span.Slice(o, s), mean[ch], ta[ch], tb[ch], tc[ch], dx.Span.Slice(o, s));
        });
    }

    /// <summary>Count, mean and sum of squared deviations, merged with Chan et al.'s update.</summary>
    private struct Moments
    {
        public double Count, Mean, M2;

        /// <summary>Merges a part of <paramref name="count"/> values with mean <paramref name="mean"/> and M2 <paramref name="m2"/>.</summary>
        public void Add(double count, double mean, double m2)
        {
            double total = Count + count;
            if (total == 0) return;
            double delta = mean - Mean;
            Mean += delta * count / total;
            M2 += m2 + delta * delta * Count * count / total;
            Count = total;
        }

        public void Add(in Moments other) => Add(other.Count, other.Mean, other.M2);
    }

    /// <summary>
    /// The cut of a call into chunks of images (fixed by N) and blocks of channels (only to feed the threads): item
    /// (chunk, block) visits its images in order and, in each, its channels in order.
    /// </summary>
    private readonly struct Split
    {
        private readonly int _n, _c, _blocks;

        public Split(int n, int c, double elements)
        {
            _n = n;
            _c = c;
            Chunks = Math.Max(1, Math.Min(n, MaxChunks));
            int threads = KernelParallel.Threads(Chunks * Math.Max(1, c), elements);
            _blocks = Math.Clamp((2 * threads + Chunks - 1) / Chunks, 1, Math.Max(1, c));
        }

        public int Chunks { get; }

        /// <summary>Runs body(chunk, image, channel) for every segment, items in parallel.</summary>
        public void Run(double work, Action<int, int, int> body)
        {
            int n = _n, c = _c, chunks = Chunks, blocks = _blocks;
            KernelParallel.For(chunks * blocks, work, item =>
            {
                int chunk = item / blocks, block = item % blocks;
                int i1 = (int)((long)n * (chunk + 1) / chunks), c0 = (int)((long)c * block / blocks), c1 = (int)((long)c * (block + 1) / blocks);
                for (int i = (int)((long)n * chunk / chunks); i < i1; i++)
                    for (int ch = c0; ch < c1; ch++) body(chunk, i, ch);
            });
        }
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
