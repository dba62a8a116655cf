using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>The per-call state of <see cref="ConvDirect.Backward{T}"/>: layouts, offsets, packed filters and chunking.</summary>
/// <remarks>
/// ∂L/∂W_g[o, (c, i, j)] = Σ_{n, oy, ox} x_n[c, oy·s + i·d − p, ox·s + j·d − p]·dy_n[o, oy, ox] is accumulated image by
/// image into a per-chunk [taps, channels] buffer, six taps × two vectors of channels per register tile, with ∂L/∂y
/// transposed to [positions, channels] so the channels are the vector lanes. For stride 1,
/// ∂L/∂x[c, iy, ix] = Σ_{o, i, j} w[o, c, kh−1−i, kw−1−j]·dy[o, iy − (d(kh−1) − p) + i·d, …] is a correlation of ∂L/∂y,
/// padded by d(k−1) − p, with the flipped filters, channels swapped.
/// </remarks>
internal sealed unsafe class ConvBackwardPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxChunks = 16;
    private const int Taps = ConvKernel256<T>.Taps;

    private readonly SlidingWindow _g;
    private readonly int _groups, _outChannels, _batch, _cg, _og, _lanes, _columns;
    private readonly ConvLayout _xLayout;
    private readonly int[] _xOffsets;
    private readonly ConvLayout? _dyLayout;
    private readonly int[] _dyOffsets = [];
    private readonly ConvFilters<T>? _flipped;
    private readonly T[] _zeros = [];

    /// <summary>Plans the backward pass of one call.</summary>
    public ConvBackwardPlan(in SlidingWindow g, int groups, int outChannels, int batch, ReadOnlySpan<T> w, bool inputGradient, bool weightGradient)
    {
        _g = g;
        _groups = groups;
        _outChannels = outChannels;
        _batch = batch;
        _cg = g.Channels / groups;
        _og = outChannels / groups;
        _lanes = Vector256<T>.Count;
        Depth = _cg * g.KernelH * g.KernelW;
        Chunks = Math.Max(1, Math.Min(batch, MaxChunks));
        _columns = RoundUp(_og, 2 * _lanes);
        AccumulatorLength = groups * RoundUp(Depth, Taps) * _columns;
        _xLayout = new ConvLayout(g, g.OutHeight, g.OutWidth);
        _xOffsets = weightGradient ? _xLayout.Offsets(_cg) : [];
        if (!inputGradient || !DirectInputGradient) return;
        int kh = g.KernelH, kw = g.KernelW, th = g.DilationH * (kh - 1), tw = g.DilationW * (kw - 1);
        var dyWindow = new SlidingWindow(outChannels, g.OutHeight, g.OutWidth, kh, kw, 1, 1,
            th - g.PadTop, tw - g.PadLeft, th - g.PadBottom, tw - g.PadRight, g.DilationH, g.DilationW);
        _dyLayout = new ConvLayout(dyWindow, g.Height, g.Width);
        _dyOffsets = _dyLayout.Offsets(_og);
        _flipped = new ConvFilters<T>(Flip(w), groups, _cg, _og * kh * kw);
        _zeros = new T[groups * _flipped.Columns];
    }

    /// <summary>C/groups·kh·kw, the taps of one filter.</summary>
    public int Depth { get; }

    /// <summary>Chunks of consecutive images; each sums its own weight gradient.</summary>
    public int Chunks { get; }

    /// <summary>Elements of one chunk's weight-gradient buffer.</summary>
    public int AccumulatorLength { get; }

    /// <summary>Stride-1 input gradients correlate ∂L/∂y directly; strided ones go through Wᵀ·∂L/∂y and col2im.</summary>
    private bool DirectInputGradient => _g.StrideH == 1 && _g.StrideW == 1;

    /// <summary>The first image of chunk <paramref name="chunk"/>.</summary>
    public int ChunkStart(int chunk) => (int)((long)_batch * chunk / Chunks);

    /// <summary>acc[grp][tap][o] += Σ over positions of x_n tap × dy_n[grp·og + o].</summary>
    public void AddWeightGradient(int n, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T[] acc)
    {
        int positions = _g.OutPlane, imageSize = _g.Channels * _g.InPlane, dySize = _outChannels * positions;
        T* copy = ConvScratch.Get<T>(ConvBuffer.Copy, _xLayout.Length);
        T* g = ConvScratch.Get<T>(ConvBuffer.Gradient, (long)positions * _outChannels + 2 * _lanes);
        _xLayout.Fill(x.Slice(n * imageSize, imageSize), new Span<T>(copy, _xLayout.Length));
        fixed (T* pdy = dy.Slice(n * dySize, dySize))
            Transpose.Run(pdy, _outChannels, positions, positions, g, _outChannels);
        new Span<T>(g + (nint)positions * _outChannels, 2 * _lanes).Clear();
        int depthPadded = RoundUp(Depth, Taps);
        fixed (T* pa = acc)
        fixed (int* off = _xOffsets)
        {
            T** taps = stackalloc T*[Taps];
            for (int grp = 0; grp < _groups; grp++)
            {
                T* xs = copy + (nint)grp * _cg * _xLayout.ChannelSize;
                T* accGroup = pa + (nint)grp * depthPadded * _columns;
                for (int t0 = 0; t0 < Depth; t0 += Taps)
                {
                    for (int r = 0; r < Taps; r++) taps[r] = xs + off[Math.Min(t0 + r, Depth - 1)];
                    for (int q0 = 0; q0 < _og; q0 += 2 * _lanes)
                        ConvKernel256<T>.WeightGradient(_g.OutHeight, _g.OutWidth, _xLayout.RowStride, taps, g + grp * _og + q0, _outChannels,
                            accGroup + (nint)t0 * _columns + q0, _columns);
                }
            }
        }
    }

    /// <summary>dw[grp·og + o, tap] = Σ over chunks, in chunk order, of acc[grp][tap][o].</summary>
    public void SumWeightGradients(T[][] partials, Span<T> dw)
    {
        int depthPadded = RoundUp(Depth, Taps);
        for (int grp = 0; grp < _groups; grp++)
            for (int o = 0; o < _og; o++)
            {
                Span<T> filter = dw.Slice((grp * _og + o) * Depth, Depth);
                int at = grp * depthPadded * _columns + o;
                for (int t = 0; t < Depth; t++)
                {
                    T sum = partials[0][at + t * _columns];
                    for (int c = 1; c < partials.Length; c++) sum += partials[c][at + t * _columns];
                    filter[t] = sum;
                }
            }
    }

    /// <summary>Writes ∂L/∂x of image <paramref name="n"/>.</summary>
    public void InputGradient(int n, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx)
    {
        int imageSize = _g.Channels * _g.InPlane, dySize = _outChannels * _g.OutPlane;
        ReadOnlySpan<T> dyn = dy.Slice(n * dySize, dySize);
        Span<T> dxn = dx.Slice(n * imageSize, imageSize);
        if (!DirectInputGradient)
        {
            FoldInputGradient(dyn, w, dxn);
            return;
        }
        var layout = _dyLayout!;
        var filters = _flipped!;
        int tiles = layout.PositionSource.Length / ConvKernel256<T>.Positions;
        T* copy = ConvScratch.Get<T>(ConvBuffer.Copy, layout.Length);
        T* output = ConvScratch.Get<T>(ConvBuffer.Output, (long)layout.PositionSource.Length * filters.Columns);
        layout.Fill(dyn, new Span<T>(copy, layout.Length));
        fixed (T* dst = dxn)
        fixed (T* zero = _zeros)
        fixed (int* off = _dyOffsets)
            for (int grp = 0; grp < _groups; grp++)
                ConvDirect.CorrelateImage(layout, copy + (nint)grp * _og * layout.ChannelSize, off, filters, grp, zero,
                    dst + (nint)grp * _cg * _g.InPlane, output, 0, tiles);
    }

    /// <summary>∂L/∂cols_g = W_gᵀ·dy_g on one thread, then col2im adds each entry back where it was read.</summary>
    private void FoldInputGradient(ReadOnlySpan<T> dyn, ReadOnlySpan<T> w, Span<T> dxn)
    {
        var window = _g.WithChannels(_cg);
        int positions = _g.OutPlane;
        T[] cols = ArrayPool<T>.Shared.Rent(Math.Max(1, Depth * positions));
        for (int grp = 0; grp < _groups; grp++)
        {
            Span<T> dcols = cols.AsSpan(0, Depth * positions);
            GemmSerial.Multiply(true, false, Depth, positions, _og, w.Slice(grp * _og * Depth, _og * Depth), Depth,
                dyn.Slice(grp * _og * positions, _og * positions), positions, dcols, positions, T.One, T.Zero);
            Span<T> dxg = dxn.Slice(grp * _cg * _g.InPlane, _cg * _g.InPlane);
            dxg.Clear();
            Im2Col.Fold(window, dcols, dxg);
        }
        ArrayPool<T>.Shared.Return(cols);
    }

    /// <summary>wt[grp][c][(o, i, j)] = w[grp·og + o, c, kh−1−i, kw−1−j]: the filters of the transposed correlation.</summary>
    private T[] Flip(ReadOnlySpan<T> w)
    {
        int kh = _g.KernelH, kw = _g.KernelW, k = kh * kw;
        var wt = new T[w.Length];
        for (int grp = 0; grp < _groups; grp++)
            for (int o = 0; o < _og; o++)
                for (int c = 0; c < _cg; c++)
                    for (int t = 0; t < k; t++)
                        wt[((grp * _cg + c) * _og + o) * k + t] = w[((grp * _og + o) * _cg + c) * k + (k - 1 - t)];
        return wt;
    }

    private static int RoundUp(int x, int step) => (x + step - 1) / step * step;
}
