using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>The geometry of <see cref="ConvDirect.Backward{T}"/>: layouts, offsets, ∂L/∂x phases and chunking, built once per shape.</summary>
/// <remarks>
/// <para>∂L/∂W_g[o, (c, i, j)] = Σ_{n, oy, ox} x_n[c, oy·s + i·d − p, ox·s + j·d − p]·dy_n[o, oy, ox] is accumulated image by
/// image into a per-chunk [taps, channels] buffer, six taps × two vectors of channels per AVX2 register tile (eight taps
/// per AVX-512 tile, <see cref="ConvKernel512{T}"/>), with ∂L/∂y
/// transposed to [positions, channels] so the channels are the vector lanes. ∂L/∂x is <see cref="ConvInputGradient{T}"/>.</para>
/// <para>Nothing here depends on the weights or the data, so <see cref="For"/> keeps one plan per geometry and thread, and a
/// training step that convolves the same shapes every time builds no tables after the first. A plan is read-only while
/// the workers use it.</para>
/// </remarks>
internal sealed unsafe class ConvBackwardPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxChunks = 16;

    private readonly SlidingWindow _g;
    private readonly int _groups, _outChannels, _batch, _cg, _og, _lanes, _columns, _taps;
    private readonly bool _wide, _wideInput;
    private readonly ConvLayout _xLayout;
    private readonly int[] _xOffsets;
    private ConvInputGradient<T>? _inputGradient;

    [ThreadStatic] private static Dictionary<(SlidingWindow, int, int, int, bool), ConvBackwardPlan<T>>? t_plans;

    /// <summary>
    /// Plans the backward pass of a convolution of <paramref name="batch"/> images, with the AVX-512 tiles when
    /// <paramref name="wide"/> and the phase's channels fit them (<see cref="ConvTiles.Fits{T}"/>: output channels for ∂L/∂W,
    /// input channels for ∂L/∂x).
    /// </summary>
    private ConvBackwardPlan(in SlidingWindow g, int groups, int outChannels, int batch, bool wide)
    {
        _wide = ConvTiles.Fits<T>(wide, outChannels / groups);
        _wideInput = ConvTiles.Fits<T>(wide, g.Channels / groups);
        _g = g;
        _groups = groups;
        _outChannels = outChannels;
        _batch = batch;
        _cg = g.Channels / groups;
        _og = outChannels / groups;
        _lanes = ConvTiles.Lanes<T>(_wide);
        Depth = _cg * g.KernelH * g.KernelW;
        Chunks = Math.Max(1, Math.Min(batch, MaxChunks));
        // at most one vector of channels per group (LeNet's 6, depthwise): 12 taps × 1 vector tiles, else 6 taps × 2 vectors
        // (AVX-512: 8 taps either way)
        bool narrow = _og <= _lanes;
        _columns = RoundUp(_og, narrow ? _lanes : 2 * _lanes);
        _taps = _wide ? ConvKernel512<T>.Taps : narrow ? 2 * ConvKernel256<T>.Taps : ConvKernel256<T>.Taps;
        AccumulatorLength = groups * RoundUp(Depth, _taps) * _columns;
        _xLayout = ConvLayout.For(g, g.OutHeight, g.OutWidth);
        _xOffsets = _xLayout.Offsets(_cg);
    }

    /// <summary>
    /// The plan for this geometry (window, groups, output channels, batch) and tile set (<paramref name="wide"/>: AVX-512),
    /// built once per thread and reused; shapes that keep changing are bounded by dropping the cache past 256 entries.
    /// </summary>
    public static ConvBackwardPlan<T> For(in SlidingWindow g, int groups, int outChannels, int batch, bool wide)
    {
        var cache = t_plans ??= [];
        var key = (g, groups, outChannels, batch, wide);
        if (!cache.TryGetValue(key, out var plan))
        {
            if (cache.Count >= 256) cache.Clear();
            cache[key] = plan = new ConvBackwardPlan<T>(g, groups, outChannels, batch, wide);
        }
        return plan;
    }

    /// <summary>The ∂L/∂x phases, built on first use.</summary>
    public ConvInputGradient<T> InputGradients => _inputGradient ??= new ConvInputGradient<T>(_g, _groups, _outChannels, _wideInput);

    /// <summary>C/groups·kh·kw, the taps of one filter.</summary>
    public int Depth { get; }

    /// <summary>Chunks of consecutive images; each sums its own weight gradient.</summary>
    public int Chunks { get; }

    /// <summary>Elements of one chunk's weight-gradient buffer.</summary>
    public int AccumulatorLength { get; }

    /// <summary>Elements from one chunk's buffer to the next: the length rounded up to whole cache lines.</summary>
    public int AccumulatorStride => RoundUp(AccumulatorLength, 16);

    /// <summary>
    /// The calling thread's <see cref="ConvScratch"/> buffer for the chunks' weight gradients, chunk c at
    /// c·<see cref="AccumulatorStride"/>; each chunk clears its own part before it accumulates.
    /// </summary>
    public T* RentAccumulators() => ConvScratch.Get<T>(ConvBuffer.WeightGradients, (long)Chunks * AccumulatorStride);

    /// <summary>The first image of chunk <paramref name="chunk"/>.</summary>
    public int ChunkStart(int chunk) => (int)((long)_batch * chunk / Chunks);

    /// <summary>acc[grp][tap][o] += Σ over positions of x_n tap × dy_n[grp·og + o].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddWeightGradient(int n, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T* acc)
    {
        int positions = _g.OutPlane, imageSize = _g.Channels * _g.InPlane, dySize = _outChannels * positions;
        T* copy = ConvScratch.Get<T>(ConvBuffer.Copy, _xLayout.Length);
        T* g = ConvScratch.Get<T>(ConvBuffer.Gradient, (long)positions * _outChannels + 2 * _lanes);
        _xLayout.Fill(x.Slice(n * imageSize, imageSize), new Span<T>(copy, _xLayout.Length));
        fixed (T* pdy = dy.Slice(n * dySize, dySize))
            Transpose.Run(pdy, _outChannels, positions, positions, g, _outChannels);
        new Span<T>(g + (nint)positions * _outChannels, 2 * _lanes).Clear();
        int depthPadded = RoundUp(Depth, _taps);
        fixed (int* off = _xOffsets)
        {
            T** taps = stackalloc T*[2 * ConvKernel256<T>.Taps];
            for (int grp = 0; grp < _groups; grp++)
            {
                T* xs = copy + (nint)grp * _cg * _xLayout.ChannelSize;
                T* accGroup = acc + (nint)grp * depthPadded * _columns;
                for (int t0 = 0; t0 < Depth; t0 += _taps)
                {
                    for (int r = 0; r < _taps; r++) taps[r] = xs + off[Math.Min(t0 + r, Depth - 1)];
                    if (_wide)
                    {
                        AddWideTile(taps, g + grp * _og, accGroup + (nint)t0 * _columns);
                        continue;
                    }
                    if (_taps != ConvKernel256<T>.Taps)
                    {
                        ConvKernel256<T>.WeightGradientNarrow(_g.OutHeight, _g.OutWidth, _xLayout.RowStride, taps, g + grp * _og, _outChannels,
                            accGroup + (nint)t0 * _columns, _columns);
                        continue;
                    }
                    for (int q0 = 0; q0 < _og; q0 += 2 * _lanes)
                        ConvKernel256<T>.WeightGradient(_g.OutHeight, _g.OutWidth, _xLayout.RowStride, taps, g + grp * _og + q0, _outChannels,
                            accGroup + (nint)t0 * _columns + q0, _columns);
                }
            }
        }
    }

    /// <summary>acc[r][o] += Σ over positions of taps[r] × g[·, o] for the eight taps of one AVX-512 tile, every vector of the group's channels.</summary>
    private void AddWideTile(T** taps, T* g, T* acc)
    {
        if (_og <= _lanes)
        {
            ConvKernel512<T>.WeightGradientNarrow(_g.OutHeight, _g.OutWidth, _xLayout.RowStride, taps, g, _outChannels, acc, _columns);
            return;
        }
        for (int q0 = 0; q0 < _og; q0 += 2 * _lanes)
            ConvKernel512<T>.WeightGradient(_g.OutHeight, _g.OutWidth, _xLayout.RowStride, taps, g + q0, _outChannels, acc + q0, _columns);
    }

    /// <summary>dw[grp·og + o, tap] = Σ over chunks, in chunk order, of acc[grp][tap][o] (chunk c's acc at <paramref name="partials"/> + c·<see cref="AccumulatorStride"/>).</summary>
    /// <remarks>
    /// Chunk 0's buffer takes the sum, chunk by chunk as whole vectors (p₀ + p₁, then + p₂, …: each element in chunk order,
    /// so the bits do not depend on the vector width), and each group's [taps, channels] block is then transposed into
    /// dw's [channels, taps]. Summing element by element along dw's order read the buffers a column at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumWeightGradients(T* partials, Span<T> dw)
    {
        var sum = new Span<T>(partials, AccumulatorLength);
        for (int c = 1; c < Chunks; c++)
            TensorPrimitives.Add(sum, new ReadOnlySpan<T>(partials + (nint)c * AccumulatorStride, AccumulatorLength), sum);
        int block = RoundUp(Depth, _taps) * _columns;
        if (dw.Length < _groups * _og * Depth) throw new ArgumentException($"ConvBackwardPlan: ∂L/∂W has {dw.Length} elements, not {_groups * _og * Depth}.");
        fixed (T* pdw = dw)
            for (int grp = 0; grp < _groups; grp++)
                Transpose.Run(partials + (nint)grp * block, Depth, _og, _columns, pdw + (nint)grp * _og * Depth, Depth);
    }

    /// <summary>Writes ∂L/∂x of image <paramref name="n"/>, with the filters that <see cref="InputGradients"/>.Pack returned (so built already).</summary>
    public void InputGradient(int n, ReadOnlySpan<T> dy, Span<T> dx, T* packed)
    {
        int imageSize = _g.Channels * _g.InPlane, dySize = _outChannels * _g.OutPlane;
        _inputGradient!.Run(dy.Slice(n * dySize, dySize), dx.Slice(n * imageSize, imageSize), packed);
    }

    private static int RoundUp(int x, int step) => (x + step - 1) / step * step;
}
