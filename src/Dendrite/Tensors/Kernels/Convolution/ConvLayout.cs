using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// A zero-padded, stride-split copy of one [C, H, W] image in which every kernel tap reads a contiguous run of
/// output positions, so a convolution needs no im2col matrix: tap (c, i, j) of output (oy, ox) is element
/// <c>Offset(c, i, j) + oy·Ws + ox</c> of the copy.
/// </summary>
/// <remarks>
/// <para>With stride s the image splits into s_h·s_w phase planes, plane (a, b) holding the padded pixels
/// (u·s_h + a, v·s_w + b); tap i reads phase (i·d_h) mod s_h at row offset ⌊i·d_h/s_h⌋, so consecutive outputs read
/// consecutive elements (the polyphase form of a strided convolution). Only the phases some tap reads are stored.
/// With stride 1 there is one plane and this is just the padded image.</para>
/// <para>Each plane has <see cref="RowsPerPlane"/> rows of <see cref="RowStride"/> elements: exactly the rows and columns
/// the output grid reaches. Padding may be negative, which crops.</para>
/// </remarks>
internal sealed class ConvLayout
{
    /// <summary>Plans the copy of images of <paramref name="g"/>'s geometry for an output grid of outH × outW.</summary>
    public ConvLayout(in SlidingWindow g, int outH, int outW)
    {
        Window = g;
        OutHeight = outH;
        OutWidth = outW;
        RowPhases = Phases(g.KernelH, g.DilationH, g.StrideH);
        ColumnPhases = Phases(g.KernelW, g.DilationW, g.StrideW);
        RowsPerPlane = outH + (g.KernelH - 1) * g.DilationH / g.StrideH;
        RowStride = outW + (g.KernelW - 1) * g.DilationW / g.StrideW;
        PlaneSize = RowsPerPlane * RowStride;
        ChannelSize = PlaneSize * RowPhases.Length * ColumnPhases.Length;
        Length = g.Channels * ChannelSize;
        int positions = outH * outW;
        PositionSource = new int[ConvTiles.PaddedPositions(positions)];
        for (int pos = 0; pos < positions; pos++) PositionSource[pos] = pos / outW * RowStride + pos % outW;
    }

    /// <summary>Where each output position reads the copy before the tap offset, oy·Ws + ox; padded with zeros to whole tiles.</summary>
    public int[] PositionSource { get; }

    /// <summary>The window over the source image (its channels, size, padding, stride and dilation).</summary>
    public SlidingWindow Window { get; }

    /// <summary>Rows of the output grid.</summary>
    public int OutHeight { get; }

    /// <summary>Columns of the output grid.</summary>
    public int OutWidth { get; }

    /// <summary>The row phases (i·d_h) mod s_h that some tap reads, in increasing order.</summary>
    public int[] RowPhases { get; }

    /// <summary>The column phases (j·d_w) mod s_w that some tap reads, in increasing order.</summary>
    public int[] ColumnPhases { get; }

    /// <summary>Rows of one phase plane.</summary>
    public int RowsPerPlane { get; }

    /// <summary>Ws, the elements of one row of a plane.</summary>
    public int RowStride { get; }

    /// <summary>Elements of one phase plane.</summary>
    public int PlaneSize { get; }

    /// <summary>Elements of one channel (all its phase planes).</summary>
    public int ChannelSize { get; }

    /// <summary>Elements of the whole copy.</summary>
    public int Length { get; }

    /// <summary>Where tap (c, i, j) of output (0, 0) lies in the copy.</summary>
    public int Offset(int c, int i, int j)
    {
        var g = Window;
        int a = Array.IndexOf(RowPhases, i * g.DilationH % g.StrideH), b = Array.IndexOf(ColumnPhases, j * g.DilationW % g.StrideW);
        return c * ChannelSize + (a * ColumnPhases.Length + b) * PlaneSize
            + i * g.DilationH / g.StrideH * RowStride + j * g.DilationW / g.StrideW;
    }

    /// <summary>Offsets of taps (c, i, j) for c in [0, channels), in the weight's (c, i, j) order (cached; do not modify).</summary>
    public int[] Offsets(int channels)
    {
        var g = Window;
        var cached = _offsets;
        if (cached is not null && cached.Length == channels * g.KernelH * g.KernelW) return cached;
        var offsets = new int[channels * g.KernelH * g.KernelW];
        int t = 0;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < g.KernelH; i++)
                for (int j = 0; j < g.KernelW; j++) offsets[t++] = Offset(c, i, j);
        return _offsets = offsets;
    }

    private int[]? _offsets;

    [ThreadStatic] private static Dictionary<(SlidingWindow, int, int), ConvLayout>? t_layouts;

    /// <summary>The layout for this geometry, built once per thread and reused: a training step convolves the same
    /// shapes every time, and the position table would otherwise be allocated on every call.</summary>
    public static ConvLayout For(in SlidingWindow g, int outH, int outW)
    {
        var cache = t_layouts ??= [];
        if (!cache.TryGetValue((g, outH, outW), out var layout))
        {
            if (cache.Count >= 256) cache.Clear(); // shapes that keep changing: stay bounded
            cache[(g, outH, outW)] = layout = new ConvLayout(g, outH, outW);
        }
        return layout;
    }

    /// <summary>Writes the padded phase planes of <paramref name="image"/> [C, H, W] into <paramref name="copy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Fill<T>(ReadOnlySpan<T> image, Span<T> copy) where T : unmanaged, INumber<T>
    {
        var g = Window;
        if (image.Length < g.Channels * g.InPlane || copy.Length < Length) throw new ArgumentException("ConvLayout.Fill: spans too short.");
        fixed (T* src = image)
        fixed (T* dst = copy)
        {
            for (int pa = 0; pa < RowPhases.Length; pa++)
                for (int pb = 0; pb < ColumnPhases.Length; pb++)
                {
                    int a = RowPhases[pa], x0 = ColumnPhases[pb] - g.PadLeft;
                    // the columns v of a row that land inside the image, and where they start in it
                    var (v0, v1) = SlidingWindow.InsideRange(x0, g.StrideW, g.Width, RowStride);
                    for (int c = 0; c < g.Channels; c++)
                    {
                        T* row = dst + (nint)c * ChannelSize + (pa * ColumnPhases.Length + pb) * PlaneSize;
                        for (int u = 0; u < RowsPerPlane; u++, row += RowStride)
                        {
                            int iy = u * g.StrideH + a - g.PadTop;
                            if ((uint)iy >= (uint)g.Height || v0 >= v1)
                            {
                                new Span<T>(row, RowStride).Clear();
                                continue;
                            }
                            for (int v = 0; v < v0; v++) row[v] = T.Zero;
                            for (int v = v1; v < RowStride; v++) row[v] = T.Zero;
                            T* line = src + ((nint)c * g.Height + iy) * g.Width;
                            if (g.StrideW == 1) ShortCopy.Run(new ReadOnlySpan<T>(line + v0 + x0, v1 - v0), new Span<T>(row + v0, v1 - v0));
                            else EveryNth(line + x0, g.StrideW, row, v0, v1);
                        }
                    }
                }
        }
    }

    /// <summary>
    /// row[v] = line[v·s] for v in [v0, v1); for float and s = 2 the even lanes of pairs of vectors, sixteen a step with
    /// AVX-512 (one two-source permute: a 16-wide row of a stride-2 layer in one step), then eight with AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void EveryNth<T>(T* line, int s, T* row, int v0, int v1) where T : unmanaged
    {
        int v = v0;
        if (typeof(T) == typeof(float) && s == 2 && Avx512F.IsSupported)
        {
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; v + 16 <= v1; v += 16)
            {
                float* src = (float*)line + 2 * v;
                Avx512F.PermuteVar16x32x2(Vector512.Load(src), even, Vector512.Load(src + 16)).Store((float*)row + v);
            }
        }
        if (typeof(T) == typeof(float) && s == 2 && Avx2.IsSupported)
            for (; v + 8 <= v1; v += 8)
            {
                float* src = (float*)line + 2 * v;
                Vector256<float> a = Avx.LoadVector256(src), b = Avx.LoadVector256(src + 8);
                Vector256<float> even = Avx.Shuffle(a, b, 0b10_00_10_00);
                Avx.Store((float*)row + v, Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle());
            }
        for (; v < v1; v++) row[v] = line[v * s];
    }

    /// <summary>The distinct (t·d) mod s over taps t &lt; k, in increasing order.</summary>
    private static int[] Phases(int k, int d, int s) => [.. Enumerable.Range(0, k).Select(t => t * d % s).Distinct().Order()];
}
