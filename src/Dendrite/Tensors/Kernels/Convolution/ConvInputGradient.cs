using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// ∂L/∂x of a convolution of any stride, as correlations of ∂L/∂y: one per phase (a, b) of the input (the pixels
/// iy ≡ a mod s_h, ix ≡ b mod s_w), each using only the taps that reach that phase.
/// </summary>
/// <remarks>
/// <para>Forward reads x[s·u + i·d − p] into y[u], so ∂L/∂x[s·u + a] = Σ_i w[i]·dy[u + (a + p − i·d)/s] over the taps i with
/// (a + p − i·d) divisible by s (per axis, and summed over output channels o). Each tap belongs to exactly one phase, so
/// the phases together hold every filter once; with stride 1 there is one phase, and this is the usual correlation of
/// ∂L/∂y with the flipped filters.</para>
/// <para>The tables depend only on the geometry, so one instance serves every call of a layer (<see cref="ConvBackwardPlan{T}"/>
/// caches it). ∂L/∂y is copied once per image with the zero padding every phase needs; the phases' filters are packed
/// once per call (<see cref="Pack"/>) into the calling thread's <see cref="ConvScratch"/>. A phase's channels-last tiles
/// are transposed straight into ∂L/∂x for stride 1 and scattered to their strided pixels otherwise; when some phase is
/// reached by no tap (a 1×1 stride-2 convolution reads one pixel in four) the image is cleared first and that phase
/// skipped.</para>
/// </remarks>
internal sealed unsafe class ConvInputGradient<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SlidingWindow _g;
    private readonly int _groups, _cg, _og;
    private readonly ConvLayout _dyLayout;
    private readonly Phase[] _phases;
    private readonly T[] _zeros;
    private readonly bool _hasIdlePhase, _wide;
    private readonly int _lanes;
    private readonly long _packedLength;

    /// <summary>
    /// Plans ∂L/∂x for filters [O, C/groups, kh, kw] over windows <paramref name="g"/>, with the AVX-512 tiles when
    /// <paramref name="wide"/>; the filters come with each call.
    /// </summary>
    public ConvInputGradient(in SlidingWindow g, int groups, int outChannels, bool wide)
    {
        _g = g;
        _wide = wide;
        _lanes = ConvTiles.Lanes<T>(wide);
        _groups = groups;
        _cg = g.Channels / groups;
        _og = outChannels / groups;
        var rows = AxisPhases(g.KernelH, g.DilationH, g.StrideH, g.PadTop, g.Height);
        var cols = AxisPhases(g.KernelW, g.DilationW, g.StrideW, g.PadLeft, g.Width);
        var (top, bottom) = Padding(rows, g.OutHeight);
        var (left, right) = Padding(cols, g.OutWidth);
        var copy = new SlidingWindow(outChannels, g.OutHeight, g.OutWidth, 1, 1, 1, 1, top, left, bottom, right);
        _dyLayout = ConvLayout.For(copy, g.OutHeight + top + bottom, g.OutWidth + left + right);
        var phases = new List<Phase>();
        foreach (var r in rows)
            foreach (var c in cols)
            {
                var phase = new Phase(r, c, rows.Length * cols.Length == 1, _dyLayout, top, left, _og, _packedLength);
                if (phase.HasFilters) _packedLength += ConvFilters<T>.Size(groups, _cg, phase.Depth, _lanes);
                phases.Add(phase);
            }
        _phases = [.. phases];
        _hasIdlePhase = _phases.Any(ph => ph.Count > 0 && !ph.HasFilters);
        _zeros = new T[groups * ((_cg + 2 * _lanes - 1) / (2 * _lanes)) * 2 * _lanes];
    }

    /// <summary>
    /// Packs each phase's taps of <paramref name="w"/> [O, C/groups, kh, kw] into the calling thread's
    /// <see cref="ConvScratch"/>, as filters of C/groups rows over (o, i, j) taps, and returns the packing for <see cref="Run"/>.
    /// </summary>
    public T* Pack(ReadOnlySpan<T> w)
    {
        T* packed = ConvScratch.Get<T>(ConvBuffer.Filters, _packedLength);
        int kh = _g.KernelH, kw = _g.KernelW;
        foreach (var phase in _phases)
        {
            if (!phase.HasFilters) continue;
            var filters = new ConvFilters<T>(_groups, _cg, phase.Depth, packed + phase.FilterOffset, _lanes);
            filters.ClearPadding();
            // tap q = (o, i, j) of row c is w[o, c, i, j] for the phase's taps i, j
            for (int grp = 0; grp < _groups; grp++)
                for (int o = 0, q = 0; o < _og; o++)
                    foreach (int i in phase.Rows.Taps)
                        foreach (int j in phase.Cols.Taps)
                        {
                            for (int c = 0; c < _cg; c++) *filters.Element(grp, c, q) = w[(((grp * _og + o) * _cg + c) * kh + i) * kw + j];
                            q++;
                        }
        }
        return packed;
    }

    /// <summary>Writes ∂L/∂x of one image [C, H, W] from its ∂L/∂y [O, H', W'], with the filters <see cref="Pack"/> returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(ReadOnlySpan<T> dy, Span<T> dx, T* packed)
    {
        T* copy = ConvScratch.Get<T>(ConvBuffer.Copy, _dyLayout.Length);
        _dyLayout.Fill(dy, new Span<T>(copy, _dyLayout.Length));
        int plane = _g.InPlane;
        if (_hasIdlePhase) dx[..(_g.Channels * plane)].Clear();
        fixed (T* dst = dx)
        fixed (T* zero = _zeros)
            foreach (var phase in _phases)
            {
                if (!phase.HasFilters) continue;
                var filters = new ConvFilters<T>(_groups, _cg, phase.Depth, packed + phase.FilterOffset, _lanes);
                T* output = ConvScratch.Get<T>(ConvBuffer.Output, (long)phase.Positions.Length * filters.Columns);
                int tiles = ConvTiles.Tiles(phase.Count, _wide);
                fixed (int* off = phase.Offsets)
                fixed (int* source = phase.Positions)
                    for (int grp = 0; grp < _groups; grp++)
                    {
                        T* dxg = dst + (nint)grp * _cg * plane;
                        T* src = copy + (nint)grp * _og * _dyLayout.ChannelSize;
                        if (phase.CoversImage)
                        {
                            ConvCorrelate.ChannelsFirst(src, off, filters, grp, zero, source, output, dxg, plane, 0, tiles, _wide);
                            continue;
                        }
                        ConvCorrelate.Tiles(src, off, filters, grp, zero, source, output, 0, tiles, _wide);
                        for (int c = 0; c < _cg; c++) Scatter(phase, output + c, filters.Columns, dxg + (nint)c * plane);
                    }
            }
    }

    /// <summary>plane[(a + s_h·u)·W + b + s_w·v] = values[(u·Wv + v)·stride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(Phase phase, T* values, int stride, T* plane)
    {
        int w = _g.Width, sh = _g.StrideH, sw = _g.StrideW, rows = phase.Rows.Count, cols = phase.Cols.Count;
        T* row = plane + (nint)phase.Rows.Phase * w + phase.Cols.Phase;
        for (int u = 0; u < rows; u++, row += (nint)sh * w)
        {
            for (int v = 0; v < cols; v++, values += stride) row[v * sw] = *values;
        }
    }

    /// <summary>One phase along one axis: its first pixel, its pixel count, and its taps with their offsets into ∂L/∂y.</summary>
    private sealed record AxisPhase(int Phase, int Count, int[] Taps, int[] Shifts);

    /// <summary>For each phase a &lt; s: the pixels a, a + s, … below <paramref name="size"/> and the taps t with (a + p − t·d) divisible by s.</summary>
    private static AxisPhase[] AxisPhases(int k, int d, int s, int p, int size)
    {
        var phases = new AxisPhase[s];
        for (int a = 0; a < s; a++)
        {
            var taps = Enumerable.Range(0, k).Where(t => ((a + p - t * d) % s + s) % s == 0).ToArray();
            phases[a] = new AxisPhase(a, a < size ? (size - a + s - 1) / s : 0, taps, [.. taps.Select(t => (a + p - t * d) / s)]);
        }
        return phases;
    }

    /// <summary>Zeros before and after ∂L/∂y so every phase's shifted reads u + shift stay inside the copy.</summary>
    private static (int Before, int After) Padding(AxisPhase[] phases, int size)
    {
        int before = 0, after = 0;
        foreach (var phase in phases.Where(ph => ph.Count > 0))
            foreach (int shift in phase.Shifts)
            {
                before = Math.Max(before, -shift);
                after = Math.Max(after, phase.Count - 1 + shift - (size - 1));
            }
        return (before, after);
    }

    /// <summary>One input phase: its pixels, the tap offsets into the ∂L/∂y copy, the copy positions of its pixels, where its filters are packed.</summary>
    private sealed class Phase
    {
        public Phase(AxisPhase rows, AxisPhase cols, bool only, ConvLayout dy, int top, int left, int og, long filterOffset)
        {
            Rows = rows;
            Cols = cols;
            Count = rows.Count * cols.Count;
            CoversImage = only;
            int taps = rows.Taps.Length * cols.Taps.Length;
            Depth = og * taps;
            FilterOffset = filterOffset;
            HasFilters = taps > 0 && Count > 0;
            Offsets = new int[og * taps];
            Positions = new int[ConvTiles.PaddedPositions(Count)];
            for (int u = 0, at = 0; u < rows.Count; u++)
                for (int v = 0; v < cols.Count; v++) Positions[at++] = u * dy.RowStride + v;
            // tap (o, i, j) of this phase reads dy[o, u + shift_i, v + shift_j]
            for (int o = 0, q = 0; o < og; o++)
                for (int ti = 0; ti < rows.Taps.Length; ti++)
                    for (int tj = 0; tj < cols.Taps.Length; tj++, q++)
                        Offsets[q] = o * dy.ChannelSize + (rows.Shifts[ti] + top) * dy.RowStride + cols.Shifts[tj] + left;
        }

        public AxisPhase Rows { get; }

        public AxisPhase Cols { get; }

        /// <summary>Pixels of this phase.</summary>
        public int Count { get; }

        /// <summary>Whether this is the only phase (stride 1), so its positions are the image's in order.</summary>
        public bool CoversImage { get; }

        /// <summary>Taps of one packed filter: O/groups × the phase's kernel taps.</summary>
        public int Depth { get; }

        /// <summary>Where this phase's filters start in the packing.</summary>
        public long FilterOffset { get; }

        /// <summary>False when no tap reaches this phase (its pixels get zero gradient) or it has no pixels.</summary>
        public bool HasFilters { get; }

        public int[] Offsets { get; }

        public int[] Positions { get; }
    }
}
