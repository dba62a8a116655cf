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
    /// channels-last <paramref name="output"/> (<see cref="ConvCorrelate.ChannelsFirst"/>).
    /// </summary>
    internal static void CorrelateImage<T>(ConvLayout layout, T* src, int* off, ConvFilters<T> filters, int grp, T* bias, T* dst, T* output,
        int t0, int t1, bool wide) where T : unmanaged, INumber<T>
    {
        fixed (int* source = layout.PositionSource)
            ConvCorrelate.ChannelsFirst(src, off, filters, grp, bias, source, output, dst, layout.OutHeight * layout.OutWidth, t0, t1, wide);
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
