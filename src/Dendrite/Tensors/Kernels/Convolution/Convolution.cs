using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// 2-D convolution of a batch of NCHW images. Where 256-bit vectors run in hardware it is the direct convolution of
/// <see cref="ConvDirect"/>; otherwise im2col + GEMM, per image and per group:
/// y[n, g] = W[g]·cols(x[n, g]) + b[g], with W[g] viewed as [O/groups, C/groups·kh·kw].
/// </summary>
/// <remarks>
/// <para>The im2col path:</para>
/// <para>The batch is cut into at most <see cref="MaxChunks"/> chunks of consecutive images; a chunk runs its
/// images in order, and the per-chunk weight gradients are summed in chunk order. The chunking does not depend on
/// the thread count, and neither does the GEMM, so results are bitwise identical however many threads run.</para>
/// <para>Chunks run in parallel (each GEMM on its own thread, <see cref="GemmSerial"/>) when there are enough of
/// them to feed the threads or when each GEMM is too small to parallelize itself; otherwise they run one after
/// another and each GEMM spreads over the threads. Never both, so threads are not oversubscribed.</para>
/// </remarks>
internal static unsafe class Convolution
{
    /// <summary>Upper bound on chunks, and so on the partial weight gradients held at once.</summary>
    private const int MaxChunks = 16;

    /// <summary>Below this many flops in a whole call, threads cost more than they save.</summary>
    private const double MinParallelFlops = 2e6;

    /// <summary>Below this many flops the GEMM runs on one thread anyway (mirrors the GEMM driver's rule for two threads).</summary>
    private const double MinGemmParallelFlops = 4e6;

    /// <summary>y [N, O, H', W'] = conv(x [N, C, H, W], w [O, C/groups, kh, kw]) + b [O] (b may be empty).</summary>
    /// <remarks>With <c>inference</c> (no gradient will flow through y) a 3×3 stride-1 layer may take the Winograd forward
    /// (<see cref="WinogradConv"/>), whose rounding differs from the direct convolution's; training keeps the direct one.
    /// With <c>relu</c> as well, that path rectifies y in its epilogue and returns true; otherwise y is left unrectified
    /// and the result is false.</remarks>
    public static bool Forward<T>(SlidingWindow g, int groups, int outChannels, int batch,
        ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> b, Memory<T> y, bool inference = false, bool relu = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inference && WinogradConv.Fits<T>(g, groups, outChannels))
        {
            WinogradConv.Forward(g, outChannels, batch, x, w, b, y, relu);
            return relu;
        }
        if (ConvDirect.IsSupported)
        {
            ConvDirect.Forward(g, groups, outChannels, batch, x, w, b, y);
            return false;
        }
        var p = new Plan(g, groups, outChannels, batch);
        KernelParallel.Run(p.Chunks, p.Threads, new ForwardChunks<T>(p, x, w, b, y));
        return false;
    }

    /// <summary>
    /// Given dy = ∂L/∂y, writes ∂L/∂x into <paramref name="dx"/> and ∂L/∂w into <paramref name="dw"/> (either may be
    /// empty to skip it): dW_g = Σₙ dy_g·cols_gᵀ, dx = col2im(W_gᵀ·dy_g).
    /// </summary>
    public static void Backward<T>(SlidingWindow g, int groups, int outChannels, int batch,
        ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> dy, Memory<T> dx, Memory<T> dw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ConvDirect.IsSupported)
        {
            ConvDirect.Backward(g, groups, outChannels, batch, x, w, dy, dx, dw);
            return;
        }
        var p = new Plan(g, groups, outChannels, batch);
        // chunks after the first accumulate into partials in the calling thread's scratch, summed into dW in chunk order
        T* partials = dw.IsEmpty ? null : ConvScratch.Get<T>(ConvBuffer.WeightGradients, (long)(p.Chunks - 1) * p.PartialStride);
        if (batch == 0) dw.Span.Clear();
        KernelParallel.Run(p.Chunks, p.Threads, new BackwardChunks<T>(p, x, w, dy, dx, dw, partials));
        Span<T> total = dw.Span;
        for (int c = 1; c < p.Chunks && partials != null; c++)
            System.Numerics.Tensors.TensorPrimitives.Add(total, new ReadOnlySpan<T>(partials + (nint)(c - 1) * p.PartialStride, total.Length), total);
    }

    /// <summary>∂L/∂b[o] = Σ over images and positions of dy[n, o, ·]; channels in parallel, each summed in image order.</summary>
    public static void BiasBackward<T>(int batch, int outChannels, int outPlane, ReadOnlyMemory<T> dy, Memory<T> db) where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(outChannels, (double)batch * outChannels * outPlane, new BiasSums<T>(batch, outChannels, outPlane, dy, db));

    /// <summary>The images of one chunk, forward: y_g = W_g·cols_g (+ b_g broadcast along the positions).</summary>
    private readonly struct ForwardChunks<T>(Plan p, ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> b, Memory<T> y) : IItemBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            var scratch = new Span<T>(ConvScratch.Get<T>(ConvBuffer.Columns, p.ColumnsLength), p.ColumnsLength);
            for (int n = p.ChunkStart(chunk); n < p.ChunkStart(chunk + 1); n++)
                for (int grp = 0; grp < p.Groups; grp++)
                {
                    ReadOnlySpan<T> cols = p.Columns(x.Span, n, grp, scratch);
                    Span<T> yg = y.Span.Slice(p.OutputOffset(n, grp), p.OutPerGroup * p.OutPlane);
                    T beta = T.Zero;
                    if (!b.IsEmpty)
                    {
                        ReadOnlySpan<T> bg = b.Span.Slice(grp * p.OutPerGroup, p.OutPerGroup);
                        for (int o = 0; o < bg.Length; o++) yg.Slice(o * p.OutPlane, p.OutPlane).Fill(bg[o]);
                        beta = T.One;
                    }
                    Multiply(p.ParallelChunks, false, false, p.OutPerGroup, p.OutPlane, p.Depth,
                        w.Span.Slice(grp * p.OutPerGroup * p.Depth, p.OutPerGroup * p.Depth), p.Depth, cols, p.OutPlane, yg, p.OutPlane, beta);
                }
        }
    }

    /// <summary>
    /// The images of one chunk, backward: ∂L/∂W_g += dy_g·cols_gᵀ into dW (chunk 0) or the chunk's partial,
    /// ∂L/∂x_g = col2im(W_gᵀ·dy_g).
    /// </summary>
    private readonly struct BackwardChunks<T>(Plan p, ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> dy, Memory<T> dx, Memory<T> dw,
        T* partials) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            int first = p.ChunkStart(chunk), end = p.ChunkStart(chunk + 1);
            // the first image of a chunk writes with β = 0
            Span<T> dwChunk = dw.IsEmpty ? default : chunk == 0 ? dw.Span : new Span<T>(partials + (nint)(chunk - 1) * p.PartialStride, dw.Length);
            if (first == end) dwChunk.Clear();
            var scratch = new Span<T>(ConvScratch.Get<T>(ConvBuffer.Columns, p.ColumnsLength), p.ColumnsLength);
            for (int n = first; n < end; n++)
                for (int grp = 0; grp < p.Groups; grp++)
                {
                    ReadOnlySpan<T> dyg = dy.Span.Slice(p.OutputOffset(n, grp), p.OutPerGroup * p.OutPlane);
                    int wOffset = grp * p.OutPerGroup * p.Depth;
                    if (!dw.IsEmpty)
                    {
                        // ∂L/∂W_g += dy_g·cols_gᵀ: [O/g, H'W']·[H'W', C/g·kh·kw]
                        ReadOnlySpan<T> cols = p.Columns(x.Span, n, grp, scratch);
                        Multiply(p.ParallelChunks, false, true, p.OutPerGroup, p.Depth, p.OutPlane, dyg, p.OutPlane, cols, p.OutPlane,
                            dwChunk.Slice(wOffset, p.OutPerGroup * p.Depth), p.Depth, n == first ? T.Zero : T.One);
                    }
                    if (dx.IsEmpty) continue;
                    // ∂L/∂cols_g = W_gᵀ·dy_g, then col2im adds each entry back where it was read
                    Span<T> dxg = dx.Span.Slice(p.InputOffset(n, grp), p.Window.Channels * p.Window.InPlane);
                    Span<T> dcols = p.Window.IsPointwise ? dxg : scratch;
                    Multiply(p.ParallelChunks, true, false, p.Depth, p.OutPlane, p.OutPerGroup,
                        w.Span.Slice(wOffset, p.OutPerGroup * p.Depth), p.Depth, dyg, p.OutPlane, dcols, p.OutPlane, T.Zero);
                    if (p.Window.IsPointwise) continue;
                    dxg.Clear();
                    Im2Col.Fold(p.Window, dcols, dxg);
                }
        }
    }

    /// <summary>db[o] = Σₙ Σ dy[n, o, ·], for output channel o.</summary>
    private readonly struct BiasSums<T>(int batch, int outChannels, int outPlane, ReadOnlyMemory<T> dy, Memory<T> db) : IItemBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int o)
        {
            ReadOnlySpan<T> g = dy.Span;
            T sum = T.Zero;
            for (int n = 0; n < batch; n++) sum += OrderedSum.Sum(g.Slice((n * outChannels + o) * outPlane, outPlane));
            db.Span[o] = sum;
        }
    }

    private static void Multiply<T>(bool serial, bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (serial) GemmSerial.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, T.One, beta);
        else Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, T.One, beta);
    }

    /// <summary>The sizes of one call and how its images are split into chunks and threads.</summary>
    private readonly struct Plan
    {
        public Plan(SlidingWindow g, int groups, int outChannels, int batch)
        {
            Window = g.WithChannels(g.Channels / groups);
            Groups = groups;
            Batch = batch;
            OutPerGroup = outChannels / groups;
            OutPlane = g.OutPlane;
            Depth = Window.ColumnRows;
            Chunks = Math.Max(1, Math.Min(batch, MaxChunks));
            ColumnsLength = Math.Max(1, Depth * OutPlane);
            double gemmFlops = 2.0 * OutPerGroup * OutPlane * Depth;
            int threads = Math.Max(1, Gemm.MaxThreads);
            ParallelChunks = threads > 1 && Chunks > 1 && gemmFlops * groups * batch >= MinParallelFlops
                && (Chunks >= threads || gemmFlops < MinGemmParallelFlops);
        }

        /// <summary>The window over one group's channels.</summary>
        public SlidingWindow Window { get; }

        public int Groups { get; }

        public int Batch { get; }

        public int OutPerGroup { get; }

        public int OutPlane { get; }

        /// <summary>C/groups·kh·kw, the GEMM depth.</summary>
        public int Depth { get; }

        public int Chunks { get; }

        public int ColumnsLength { get; }

        /// <summary>Elements from one chunk's partial weight gradient to the next: O·Depth rounded up to whole cache lines.</summary>
        public int PartialStride => (Groups * OutPerGroup * Depth + 15) / 16 * 16;

        public bool ParallelChunks { get; }

        public int InputOffset(int n, int grp) => (n * Groups + grp) * Window.Channels * Window.InPlane;

        public int OutputOffset(int n, int grp) => (n * Groups + grp) * OutPerGroup * OutPlane;

        public int ChunkStart(int chunk) => (int)((long)Batch * chunk / Chunks);

        /// <summary>The im2col matrix of image n, group grp: the image itself for a pointwise window, else unfolded into scratch.</summary>
        public ReadOnlySpan<T> Columns<T>(ReadOnlySpan<T> x, int n, int grp, Span<T> scratch) where T : unmanaged, INumber<T>
        {
            ReadOnlySpan<T> image = x.Slice(InputOffset(n, grp), Window.Channels * Window.InPlane);
            if (Window.IsPointwise) return image;
            Span<T> cols = scratch[..ColumnsLength];
            Im2Col.Unfold(Window, image, cols);
            return cols;
        }

        /// <summary>Threads the chunks run on: all of them when each GEMM runs serially, else one.</summary>
        public int Threads => ParallelChunks ? Gemm.MaxThreads : 1;
    }
}
