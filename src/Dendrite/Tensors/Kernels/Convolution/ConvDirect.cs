using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Direct convolution without an im2col matrix: each image is copied once into a <see cref="ConvLayout"/> (padded and,
/// for strides, split into phases) and register tiles (<see cref="ConvKernel512{T}"/> where 512-bit vectors run in
/// hardware, else <see cref="ConvKernel256{T}"/>: <see cref="ConvTiles"/>) read the taps from the copy
/// through a table of offsets. Forward and ∂L/∂x are correlations (∂L/∂x correlates ∂L/∂y with the filters' taps, phase
/// by phase for strides: <see cref="ConvInputGradient{T}"/>); ∂L/∂W sums x-tap × ∂L/∂y products over the positions.
/// </summary>
/// <remarks>
/// <para>Each output element is computed by one tile in a fixed order, and ∂L/∂W is accumulated per chunk of images
/// (the chunks fixed by the batch size alone) and the chunks summed in order, so results do not depend on the thread
/// count. Forward and ∂L/∂x run images (or, for small batches, image × block of channels) in parallel.</para>
/// </remarks>
internal static unsafe class ConvDirect
{
    /// <summary>Whether the 256-bit tiles run in hardware (otherwise <see cref="Convolution"/> uses im2col + GEMM).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>y [N, O, H', W'] = conv(x [N, C, H, W], w [O, C/groups, kh, kw]) + b [O] (b may be empty).</summary>
    public static void Forward<T>(SlidingWindow g, int groups, int outChannels, int batch,
        ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> b, Memory<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int og = outChannels / groups, cg = g.Channels / groups, depth = cg * g.KernelH * g.KernelW;
        bool wide = ConvTiles.Fits<T>(ConvTiles.Wide, og);
        int lanes = ConvTiles.Lanes<T>(wide);
        var layout = ConvLayout.For(g, g.OutHeight, g.OutWidth);
        var filters = ConvFilters<T>.Pack(w.Span, groups, og, depth, ConvScratch.Get<T>(ConvBuffer.Filters, ConvFilters<T>.Size(groups, og, depth, lanes)), lanes);
        T* bias = PadBias(b.Span, groups, og, filters.Width);
        int tiles = ConvTiles.Tiles(g.OutPlane, wide);
        int parts = Math.Clamp(2 * Math.Max(1, Gemm.MaxThreads) / Math.Max(1, batch), 1, tiles);
        KernelParallel.For(batch * parts, 0.5 * batch * outChannels * g.OutPlane * depth,
            new ForwardItems<T>(g, groups, outChannels, layout, layout.Offsets(cg), filters, bias, x, y, tiles, parts, wide));
    }

    /// <summary>
    /// Given dy = ∂L/∂y, writes ∂L/∂x into <paramref name="dx"/> and ∂L/∂w into <paramref name="dw"/> (either may be
    /// empty to skip it).
    /// </summary>
    public static void Backward<T>(SlidingWindow g, int groups, int outChannels, int batch,
        ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> dy, Memory<T> dx, Memory<T> dw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plan = ConvBackwardPlan<T>.For(g, groups, outChannels, batch, ConvTiles.Wide);
        T* packed = dx.IsEmpty ? null : plan.InputGradients.Pack(w.Span);
        T* partials = dw.IsEmpty ? null : plan.RentAccumulators();
        double work = 2.0 * batch * outChannels * g.OutPlane * plan.Depth * ((dx.IsEmpty ? 0 : 1) + (dw.IsEmpty ? 0 : 1));
        KernelParallel.For(plan.Chunks, work / 4, new BackwardChunks<T>(plan, x, dy, dx, partials, packed));
        if (partials != null) plan.SumWeightGradients(partials, dw.Span);
    }

    /// <summary>Item (n, part): the tiles [tiles·part/parts, tiles·(part + 1)/parts) of image n, every group.</summary>
    private readonly struct ForwardItems<T>(SlidingWindow g, int groups, int outChannels, ConvLayout layout, int[] offsets, ConvFilters<T> filters,
        T* bias, ReadOnlyMemory<T> x, Memory<T> y, int tiles, int parts, bool wide) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int item)
        {
            int n = item / parts, part = item % parts, cg = g.Channels / groups, og = outChannels / groups, plane = g.OutPlane;
            T* copy = ConvScratch.Get<T>(ConvBuffer.Copy, layout.Length);
            T* output = ConvScratch.Get<T>(ConvBuffer.Output, (long)layout.PositionSource.Length * filters.Columns);
            layout.Fill(x.Span.Slice(n * g.Channels * g.InPlane, g.Channels * g.InPlane), new Span<T>(copy, layout.Length));
            fixed (T* dst = y.Span.Slice(n * outChannels * plane, outChannels * plane))
            fixed (int* off = offsets)
                for (int grp = 0; grp < groups; grp++)
                    CorrelateImage(layout, copy + (nint)grp * cg * layout.ChannelSize, off, filters, grp, bias, dst + (nint)grp * og * plane,
                        output, tiles * part / parts, tiles * (part + 1) / parts, wide);
        }
    }

    /// <summary>Chunk c: its images' ∂L/∂W summed into its own part of <paramref name="partials"/> (null to skip), and their ∂L/∂x.</summary>
    private readonly struct BackwardChunks<T>(ConvBackwardPlan<T> plan, ReadOnlyMemory<T> x, ReadOnlyMemory<T> dy, Memory<T> dx,
        T* partials, T* packed) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            T* acc = partials == null ? null : partials + (nint)chunk * plan.AccumulatorStride;
            if (acc != null) new Span<T>(acc, plan.AccumulatorLength).Clear();
            for (int n = plan.ChunkStart(chunk); n < plan.ChunkStart(chunk + 1); n++)
            {
                if (acc != null) plan.AddWeightGradient(n, x.Span, dy.Span, acc);
                if (!dx.IsEmpty) plan.InputGradient(n, dy.Span, dx.Span, packed);
            }
        }
    }

    /// <summary>
    /// dst[o, pos] = bias[o] + Σ_p f[o, p]·src[off[p] + source(pos)] for the group's output channels and the positions of
    /// tiles [t0, t1) of the layout's output grid, stored channels-first into <paramref name="dst"/> through the
    /// channels-last <paramref name="output"/> (<see cref="CorrelateChannelsFirst"/>).
    /// </summary>
    internal static void CorrelateImage<T>(ConvLayout layout, T* src, int* off, ConvFilters<T> filters, int grp, T* bias, T* dst, T* output,
        int t0, int t1, bool wide) where T : unmanaged, INumber<T>
    {
        fixed (int* source = layout.PositionSource)
            CorrelateChannelsFirst(src, off, filters, grp, bias, source, output, dst, layout.OutHeight * layout.OutWidth, t0, t1, wide);
    }

    /// <summary>Channels-last elements (positions × channels) of one chunk of tiles that <see cref="CorrelateChannelsFirst"/> transposes at once.</summary>
    /// <remarks>4096 floats (16 KiB): the chunk is still in L1 when it is transposed, where a whole 32×32 × 32-channel
    /// plane (128 KiB) went out to L2 between the tiles and the transpose.</remarks>
    private const int ChunkElements = 4096;

    /// <summary>
    /// <see cref="CorrelateTiles"/> for tiles [t0, t1) stored channels-first, dst[o·plane + pos] for positions pos &lt; plane,
    /// a chunk of tiles (<see cref="ChunkElements"/>) at a time: each chunk goes channels-last to the start of
    /// <paramref name="output"/> and is transposed from there while it is in L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CorrelateChannelsFirst<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, T* dst,
        int plane, int t0, int t1, bool wide) where T : unmanaged, INumber<T>
    {
        if (wide && ConvTiles.PositionRuns && filters.Rows % 8 == 0 && Planes(src, off, filters, grp, bias, source, dst, plane, t0, t1))
            return;
        int positions = ConvTiles.Positions(wide), ldo = filters.Columns;
        int chunk = Math.Max(1, ChunkElements / (positions * ldo));
        for (int c0 = t0; c0 < t1; c0 += chunk)
        {
            int c1 = Math.Min(t1, c0 + chunk);
            // tile t is written (t − c0)·positions rows into output
            CorrelateTiles(src, off, filters, grp, bias, source, output - (nint)c0 * positions * ldo, c0, c1, wide);
            int first = c0 * positions, end = Math.Min(plane, c1 * positions);
            if (end > first) Transpose.Run(output, end - first, filters.Rows, ldo, dst + first, plane);
        }
    }

    /// <summary>
    /// <see cref="CorrelateChannelsFirst"/> for AVX-512 filters of a multiple of 8 rows, channels first in the
    /// registers (<see cref="ConvRunKernel512{T}.CorrelatePlanes"/>: runs of w positions in the lanes, eight channels at a
    /// time), stored straight into <paramref name="dst"/>. Returns false, having written nothing, unless the positions of
    /// tiles [t0, t1) split into runs of w consecutive elements of the copy (rows a multiple of w wide, stride 1).
    /// </summary>
    private static bool Planes<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* dst, int plane, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        int n = Vector512<T>.Count, positions = ConvKernel512<T>.Positions;
        int first = t0 * positions, end = Math.Min(plane, t1 * positions);
        if (end <= first || first % n != 0 || (end - first) % n != 0) return false;
        int runs = (end - first) / n;
        for (int r = 0; r < runs; r++)
            if (source[first + r * n + n - 1] - source[first + r * n] != n - 1) return false;
        T* packed = filters.Group(grp);
        bias += (nint)grp * filters.Columns;
        for (int c0 = 0; c0 < filters.Rows; c0 += 8)
            for (int r = 0; r < runs; r += 2)
            {
                // an odd last run is paired with itself: both halves store the same values
                int p0 = first + r * n, p1 = first + Math.Min(r + 1, runs - 1) * n;
                ConvRunKernel512<T>.CorrelatePlanes(filters.Depth, packed + (nint)(c0 / filters.Width) * filters.Depth * filters.Width + c0 % filters.Width,
                    filters.Width, off, src + source[p0], src + source[p1], bias + c0,
                    dst + (nint)c0 * plane + p0, dst + (nint)c0 * plane + p1, plane);
            }
        return true;
    }

    /// <summary>
    /// output[pos, o] = bias[o] + Σ_p f[o, p]·src[off[p] + source[pos]] for positions pos of tiles [t0, t1) (six each, or
    /// eight with <paramref name="wide"/> tiles) and the group's output channels (rows of <see cref="ConvFilters{T}.Columns"/>
    /// elements, channels last).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CorrelateTiles<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, int t0, int t1,
        bool wide) where T : unmanaged, INumber<T>
    {
        if (wide)
        {
            CorrelateTilesWide(src, off, filters, grp, bias, source, output, t0, t1);
            return;
        }
        const int positions = ConvKernel256<T>.Positions;
        int width = filters.Width, ldo = filters.Columns;
        T* packed = filters.Group(grp);
        if (width == ConvKernel256<T>.Lanes)
        {
            CorrelateTilePairs(src, off, filters.Depth, packed, bias + (nint)grp * ldo, source, output, ldo, t0, t1);
            return;
        }
        T** x = stackalloc T*[positions];
        for (int t = t0; t < t1; t++)
        {
            for (int r = 0; r < positions; r++) x[r] = src + source[t * positions + r];
            for (int blk = 0; blk < filters.Blocks; blk++)
                ConvKernel256<T>.Correlate(filters.Depth, packed + (nint)blk * filters.Depth * width, off, x, bias + (nint)grp * ldo + blk * width,
                    output + (nint)t * positions * ldo + blk * width, ldo);
        }
    }

    /// <summary><see cref="CorrelateTiles"/> with the AVX-512 tiles: eight positions by one or two vectors of channels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CorrelateTilesWide<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        const int positions = ConvKernel512<T>.Positions;
        int width = filters.Width, ldo = filters.Columns;
        T* packed = filters.Group(grp);
        bias += (nint)grp * ldo;
        bool narrow = width == ConvKernel512<T>.Lanes;
        T** x = stackalloc T*[positions];
        for (int t = t0; t < t1; t++)
        {
            if (narrow && ConvTiles.PositionRuns && t + 1 < t1 && IsRun(source + t * positions) && IsRun(source + (t + 1) * positions))
            {
                T* o1 = output + (nint)t * positions * ldo;
                ConvRunKernel512<T>.CorrelateNarrowRuns(filters.Depth, packed, off, src + source[t * positions], src + source[(t + 1) * positions],
                    bias, o1, o1 + positions * ldo, ldo);
                t++;
                continue;
            }
            for (int r = 0; r < positions; r++) x[r] = src + source[t * positions + r];
            T* o = output + (nint)t * positions * ldo;
            for (int blk = 0; blk < filters.Blocks; blk++)
            {
                T* f = packed + (nint)blk * filters.Depth * width;
                if (narrow) ConvKernel512<T>.CorrelateNarrow(filters.Depth, f, off, x, bias + blk * width, o + blk * width, ldo);
                else ConvKernel512<T>.Correlate(filters.Depth, f, off, x, bias + blk * width, o + blk * width, ldo);
            }
        }
    }

    /// <summary>Whether a tile's eight positions read consecutive elements (source[r] = source[0] + r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRun(int* source) => source[7] - source[0] == 7;

    /// <summary>
    /// <see cref="CorrelateTiles"/> for one vector of channels (<see cref="ConvKernel256{T}.CorrelateNarrow"/>), two tiles a
    /// call; an odd last tile is paired with itself and its copy written to a scratch tile.
    /// </summary>
    private static void CorrelateTilePairs<T>(T* src, int* off, int depth, T* packed, T* bias, int* source, T* output, int ldo, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        const int positions = ConvKernel256<T>.Positions;
        T** x = stackalloc T*[2 * positions];
        T* spare = stackalloc T[positions * ldo];
        for (int t = t0; t < t1; t += 2)
        {
            int second = t + 1 < t1 ? t + 1 : t;
            for (int r = 0; r < positions; r++)
            {
                x[r] = src + source[t * positions + r];
                x[positions + r] = src + source[second * positions + r];
            }
            T* o2 = second != t ? output + (nint)second * positions * ldo : spare;
            ConvKernel256<T>.CorrelateNarrow(depth, packed, off, x, bias, output + (nint)t * positions * ldo, o2, ldo);
        }
    }

    /// <summary>
    /// The bias of each group padded to <paramref name="width"/>-wide blocks (zeros when there is no bias), in the calling
    /// thread's <see cref="ConvScratch"/> for the workers of this call to read.
    /// </summary>
    internal static T* PadBias<T>(ReadOnlySpan<T> b, int groups, int og, int width) where T : unmanaged, INumber<T>
    {
        int padded = (og + width - 1) / width * width;
        T* bias = ConvScratch.Get<T>(ConvBuffer.Bias, (long)groups * padded);
        var span = new Span<T>(bias, groups * padded);
        span.Clear();
        if (!b.IsEmpty)
            for (int grp = 0; grp < groups; grp++) b.Slice(grp * og, og).CopyTo(span[(grp * padded)..]);
        return bias;
    }
}
