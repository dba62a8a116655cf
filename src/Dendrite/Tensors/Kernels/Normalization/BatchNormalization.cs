using System.Buffers;
using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Batch-norm kernels over x viewed as [N, C, S] (S = H·W for images, 1 for features): per-channel statistics,
/// the fused normalize-scale-shift, and the two-pass backward, each pass walking memory in order.
/// </summary>
/// <remarks>
/// <para>Every pass visits the segments x[i, ch, :] image by image and channel by channel, so the tensor streams through
/// the caches once per pass. The images are cut into at most <see cref="MaxChunks"/> chunks fixed by N alone; each chunk
/// keeps its own per-channel partial results, merged in chunk order, so results do not depend on the thread count.
/// Threads take (chunk, block of channels) items. The per-channel temporaries come from <see cref="ArrayPool{T}"/>.</para>
/// <para>Statistics take one pass over memory: each segment of S values (one image's plane, in L1) gets its sum and
/// then its squared deviations from its own mean, both of values shifted by the channel's first element, and the
/// segments and then the chunks are merged in order with Chan et al.'s pairwise update (mean += δ·Sₖ/(M + Sₖ),
/// M2 += M2ₖ + δ²·M·Sₖ/(M + Sₖ)), which avoids the cancellation of Σx² − (Σx)²/M.</para>
/// <para>Backward needs only Σg and Σg·(x − μ) per channel (∂L/∂β and, times 1/σ, ∂L/∂γ); then
/// ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σg·x̂/M) is one fused pass a·g + b·(x − μ) + c, with x̂ recomputed from x. The loops over
/// one segment are in <see cref="BatchNormSegments"/>.</para>
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
        Moments[] partial = ArrayPool<Moments>.Shared.Rent(split.Chunks * c);
        T[] shift = ArrayPool<T>.Shared.Rent(c), m = ArrayPool<T>.Shared.Rent(c), scale = ArrayPool<T>.Shared.Rent(c);
        partial.AsSpan(0, split.Chunks * c).Clear();
        for (int ch = 0; ch < c; ch++) shift[ch] = n > 0 && s > 0 ? x.Span[ch * s] : T.Zero;
        split.Run(2.0 * n * c * s, new MomentsSegments<T>(c, s, x, shift, partial));
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
        split.Run(2.0 * n * c * s, new ScaleShiftSegments<T>(c, s, x, m, scale, beta, y));
        ArrayPool<Moments>.Shared.Return(partial);
        ArrayPool<T>.Shared.Return(shift);
        ArrayPool<T>.Shared.Return(m);
        ArrayPool<T>.Shared.Return(scale);
    }

    /// <summary>Evaluation forward with fixed statistics: y = (x − mean)·scale + shift per channel.</summary>
    public static void EvalForward<T>(int n, int c, int s, ReadOnlyMemory<T> x, T[] mean, T[] scale, T[] shift, Memory<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new Split(n, c, (double)n * c * s).Run(2.0 * n * c * s, new ScaleShiftSegments<T>(c, s, x, mean, scale, shift, y));

    /// <summary>
    /// Given g = ∂L/∂y and per-channel centre μ and 1/σ, writes ∂L/∂β = Σg and ∂L/∂γ = Σg·(x − μ)/σ, and, when
    /// <paramref name="dx"/> is not empty, ∂L/∂x = a·g + b·(x − μ) + c. With <paramref name="batchStatistics"/> (training)
    /// μ and σ are the batch's own and depend on x: a = γ/σ, b = −a·Σg(x − μ)/(σ²M), c = −a·Σg/M with M = N·S; otherwise
    /// (evaluation) they are constants and ∂L/∂x = γ/σ·g.
    /// </summary>
    public static void Backward<T>(int n, int c, int s, ReadOnlyMemory<T> x, ReadOnlyMemory<T> g, double[] mean, double[] invStd,
        ReadOnlySpan<T> gamma, bool batchStatistics, Memory<T> dx, Memory<T> dGamma, Memory<T> dBeta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = new Split(n, c, (double)n * c * s);
        double[] sums = ArrayPool<double>.Shared.Rent(2 * split.Chunks * c);
        T[] mu = ArrayPool<T>.Shared.Rent(c), coefficients = ArrayPool<T>.Shared.Rent(3 * c);
        sums.AsSpan(0, 2 * split.Chunks * c).Clear();
        for (int ch = 0; ch < c; ch++) mu[ch] = T.CreateTruncating(mean[ch]);
        split.Run(2.0 * n * c * s, new SumSegments<T>(c, s, g, x, mu, sums));
        double size = (double)n * s;
        Span<T> dGammas = dGamma.Span, dBetas = dBeta.Span;
        for (int ch = 0; ch < c; ch++)
        {
            double sumG = 0, sumGx = 0;
            for (int chunk = 0; chunk < split.Chunks; chunk++)
            {
                sumG += sums[2 * (chunk * c + ch)];
                sumGx += sums[2 * (chunk * c + ch) + 1];
            }
            dBetas[ch] = T.CreateTruncating(sumG);                     // ∂L/∂β = Σg
            dGammas[ch] = T.CreateTruncating(sumGx * invStd[ch]);      // ∂L/∂γ = Σg·x̂
            double a = double.CreateTruncating(gamma[ch]) * invStd[ch];
            coefficients[3 * ch] = T.CreateTruncating(a);
            coefficients[3 * ch + 1] = T.CreateTruncating(batchStatistics ? -a * invStd[ch] * invStd[ch] * sumGx / size : 0);
            coefficients[3 * ch + 2] = T.CreateTruncating(batchStatistics ? -a * sumG / size : 0);
        }
        if (!dx.IsEmpty) split.Run(3.0 * n * c * s, new CombineSegments<T>(c, s, g, x, mu, coefficients, dx));
        ArrayPool<double>.Shared.Return(sums);
        ArrayPool<T>.Shared.Return(mu);
        ArrayPool<T>.Shared.Return(coefficients);
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

    /// <summary>Work on one segment x[image, channel, :] as part of chunk <c>chunk</c>'s items.</summary>
    private interface ISegmentBody
    {
        void Run(int chunk, int image, int channel);
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
        public void Run<TBody>(double work, TBody body) where TBody : struct, ISegmentBody =>
            KernelParallel.For(Chunks * _blocks, work, new Items<TBody>(this, body));

        private readonly struct Items<TBody>(Split split, TBody body) : IItemBody where TBody : struct, ISegmentBody
        {
            public void Run(int item)
            {
                int n = split._n, c = split._c, chunks = split.Chunks, blocks = split._blocks;
                int chunk = item / blocks, block = item % blocks;
                int i1 = (int)((long)n * (chunk + 1) / chunks), c0 = (int)((long)c * block / blocks), c1 = (int)((long)c * (block + 1) / blocks);
                for (int i = (int)((long)n * chunk / chunks); i < i1; i++)
                    for (int ch = c0; ch < c1; ch++) body.Run(chunk, i, ch);
            }
        }
    }

    /// <summary>partial[chunk, ch] merges the moments of the segment, shifted by shift[ch].</summary>
    private readonly struct MomentsSegments<T>(int c, int s, ReadOnlyMemory<T> x, T[] shift, Moments[] partial) : ISegmentBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int i, int ch)
        {
            var (segMean, segM2) = BatchNormSegments.SegmentMoments(x.Span.Slice((i * c + ch) * s, s), shift[ch]);
            partial[chunk * c + ch].Add(s, double.CreateTruncating(segMean), double.CreateTruncating(segM2));
        }
    }

    /// <summary>y = (x − mean[ch])·scale[ch] + shift[ch] on the segment.</summary>
    private readonly struct ScaleShiftSegments<T>(int c, int s, ReadOnlyMemory<T> x, T[] mean, T[] scale, ReadOnlyMemory<T> shift, Memory<T> y)
        : ISegmentBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int i, int ch)
        {
            int o = (i * c + ch) * s;
            BatchNormSegments.ScaleShift(x.Span.Slice(o, s), mean[ch], scale[ch], shift.Span[ch], y.Span.Slice(o, s));
        }
    }

    /// <summary>sums[chunk, ch] += (Σg, Σg·(x − μ)) over the segment.</summary>
    private readonly struct SumSegments<T>(int c, int s, ReadOnlyMemory<T> g, ReadOnlyMemory<T> x, T[] mean, double[] sums) : ISegmentBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int i, int ch)
        {
            int o = (i * c + ch) * s;
            var (a, b) = BatchNormSegments.SumAndCenteredDot(g.Span.Slice(o, s), x.Span.Slice(o, s), mean[ch]);
            sums[2 * (chunk * c + ch)] += double.CreateTruncating(a);
            sums[2 * (chunk * c + ch) + 1] += double.CreateTruncating(b);
        }
    }

    /// <summary>dx = a·g + b·(x − μ) + c on the segment, (a, b, c) = coefficients[3ch..3ch + 3).</summary>
    private readonly struct CombineSegments<T>(int c, int s, ReadOnlyMemory<T> g, ReadOnlyMemory<T> x, T[] mean, T[] coefficients, Memory<T> dx)
        : ISegmentBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int i, int ch)
        {
            int o = (i * c + ch) * s;
            BatchNormSegments.Combine(g.Span.Slice(o, s), x.Span.Slice(o, s), mean[ch], coefficients[3 * ch], coefficients[3 * ch + 1],
                coefficients[3 * ch + 2], dx.Span.Slice(o, s));
        }
    }
}
