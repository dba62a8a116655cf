using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The forward of a 3×3, stride-1, padding-1 float convolution by Winograd's F(4×4, 3×3): each 4×4 output tile is
/// Aᵀ·[Σ_c (G·g_c·Gᵀ) ⊙ (Bᵀ·d_c·B)]·A + b over its 6×6 input tile d (<see cref="WinogradFilters"/>,
/// <see cref="WinogradTransform"/>, <see cref="WinogradGemm"/>): 36 products per 16 outputs and channel pair where the
/// direct convolution takes 144.
/// </summary>
/// <remarks>
/// <para>Taken by <see cref="Convolution.Forward{T}"/> for calls whose output no gradient flows through (inference:
/// the training forward keeps the direct convolution and its rounding) where 512-bit vectors run in hardware (<see cref="ConvTiles.Wide"/>)
/// and both channel counts are multiples of 16 (<see cref="Fits"/>); the direct convolution otherwise. Results differ from
/// the direct convolution's by rounding (the transforms scale by up to 8 and back): relative to the sum of |w|·|x| over
/// an output's window, errors stay within ~1e-6.</para>
/// <para>Work is cut into chunks of whole tile rows over the batch (4·W output rows of one image each), fixed by the
/// shape alone; each tile is computed in the same order whatever chunk or thread runs it, so results do not depend on
/// the thread count. A chunk goes NCHW rows → channels-last strip (zero-padded) → V [36, tiles, C] → M [36, tiles, K]
/// → channels-last output rows (+ bias, optionally ReLU) → NCHW, all in the worker's <see cref="ConvScratch"/>.</para>
/// </remarks>
internal static unsafe class WinogradConv
{
    /// <summary>Tiles a chunk aims at: its V and M stay in L2 beside the transformed filters.</summary>
    private const int ChunkTiles = 32;

    [ThreadStatic] private static bool? t_enabled;

    /// <summary>Whether calls on this thread may take this path (default true; the bench's A/B turns it off).</summary>
    public static bool Enabled
    {
        get => t_enabled ?? true;
        set => t_enabled = value;
    }

    /// <summary>Whether the convolution is one this path computes: float, 3×3, stride 1, padding 1, no dilation or groups, C and K multiples of 16, AVX-512.</summary>
    public static bool Fits<T>(SlidingWindow g, int groups, int outChannels) =>
        typeof(T) == typeof(float) && Enabled && ConvTiles.Wide && Vector512.IsHardwareAccelerated && groups == 1
        && g.KernelH == 3 && g.KernelW == 3 && g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1
        && g.PadTop == 1 && g.PadLeft == 1 && g.PadBottom == 1 && g.PadRight == 1
        && g.Channels % 16 == 0 && outChannels % 16 == 0 && g.Height > 0 && g.Width > 0;

    /// <summary>y [N, K, H, W] = conv(x [N, C, H, W], w [K, C, 3, 3]) + b [K] (b may be empty); with <paramref name="relu"/>, max(·, 0).</summary>
    public static void Forward<T>(SlidingWindow g, int outChannels, int batch, ReadOnlyMemory<T> x, ReadOnlyMemory<T> w, ReadOnlyMemory<T> b,
        Memory<T> y, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float)) throw new NotSupportedException($"WinogradConv: float only, not {typeof(T).Name}.");
        if (batch == 0) return;
        var shape = new Shape(g, outChannels, batch);
        float* u = ConvScratch.Get<float>(ConvBuffer.Filters, WinogradFilters.Size(outChannels, g.Channels));
        WinogradFilters.Pack(Floats(w.Span), outChannels, g.Channels, u);
        float* bias = ConvDirect.PadBias(Floats(b.Span), 1, outChannels, 16);
        KernelParallel.For(shape.Chunks, 0.5 * batch * outChannels * g.OutPlane * g.Channels * 9,
            new Chunks(shape, u, bias, relu, Unsafe.As<ReadOnlyMemory<T>, ReadOnlyMemory<float>>(ref x), Unsafe.As<Memory<T>, Memory<float>>(ref y)));
    }

    private static ReadOnlySpan<float> Floats<T>(ReadOnlySpan<T> s) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(s);

    /// <summary>Sizes of one call: tiles per row (tw), tile rows per image (th), tile rows per chunk, padded tiles per chunk.</summary>
    private readonly struct Shape(SlidingWindow g, int outChannels, int batch)
    {
        public readonly int C = g.Channels, K = outChannels, H = g.Height, W = g.Width, TilesWide = (g.Width + 3) / 4, TilesHigh = (g.Height + 3) / 4;

        public int RowsPerChunk => Math.Max(1, ChunkTiles / TilesWide);

        public int TileRows => batch * TilesHigh;

        public int Chunks => (TileRows + RowsPerChunk - 1) / RowsPerChunk;

        /// <summary>Tiles of a full chunk rounded up to whole register tiles.</summary>
        public int PaddedTiles => (RowsPerChunk * TilesWide + WinogradGemm.Tiles - 1) / WinogradGemm.Tiles * WinogradGemm.Tiles;

        /// <summary>Columns of a zero-padded strip: 4·tw + 2.</summary>
        public int StripWidth => 4 * TilesWide + 2;
    }

    /// <summary>Chunk i: tile rows [i·rows, (i + 1)·rows) of the batch, each image n's tile row ty at n·th + ty.</summary>
    private readonly struct Chunks(Shape s, float* u, float* bias, bool relu, ReadOnlyMemory<float> x, Memory<float> y) : IItemBody
    {
        public void Run(int chunk)
        {
            int first = chunk * s.RowsPerChunk, end = Math.Min(s.TileRows, first + s.RowsPerChunk), tp = s.PaddedTiles, sw = s.StripWidth;
            int plane = s.H * s.W;
            float* strip = ConvScratch.Get<float>(ConvBuffer.Copy, 6L * sw * s.C);
            float* v = ConvScratch.Get<float>(ConvBuffer.Columns, (long)WinogradFilters.Points * tp * s.C);
            float* m = ConvScratch.Get<float>(ConvBuffer.Gradient, (long)WinogradFilters.Points * tp * s.K);
            float* o = ConvScratch.Get<float>(ConvBuffer.Output, 4L * (sw - 2) * s.K);
            Vector512<float>* scratch = stackalloc Vector512<float>[WinogradFilters.Points];
            int used = (end - first) * s.TilesWide;
            if (used < tp)
                for (int xi = 0; xi < WinogradFilters.Points; xi++)
                    new Span<float>(v + ((nint)xi * tp + used) * s.C, (tp - used) * s.C).Clear();
            fixed (float* px = x.Span)
            fixed (float* py = y.Span)
            {
                for (int row = first; row < end; row++)
                {
                    int n = row / s.TilesHigh, ty = row % s.TilesHigh;
                    FillStrip(px + (nint)n * s.C * plane, 4 * ty - 1, strip);
                    int t0 = (row - first) * s.TilesWide;
                    for (int tx = 0; tx < s.TilesWide; tx++)
                        for (int cb = 0; cb < s.C; cb += 16)
                            WinogradTransform.Input(strip + (nint)4 * tx * s.C + cb, (nint)sw * s.C, s.C, v + (nint)(t0 + tx) * s.C + cb, (nint)tp * s.C, scratch);
                }
                WinogradGemm.Multiply(tp, s.C, s.K, v, u, m);
                for (int row = first; row < end; row++)
                {
                    int n = row / s.TilesHigh, ty = row % s.TilesHigh, t0 = (row - first) * s.TilesWide, ow = 4 * s.TilesWide;
                    for (int tx = 0; tx < s.TilesWide; tx++)
                        for (int kb = 0; kb < s.K; kb += 16)
                            WinogradTransform.Output(m + (nint)(t0 + tx) * s.K + kb, (nint)tp * s.K, Vector512.Load(bias + kb), relu,
                                o + (nint)4 * tx * s.K + kb, (nint)ow * s.K, s.K, scratch);
                    float* image = py + (nint)n * s.K * plane;
                    for (int i = 0; i < 4 && 4 * ty + i < s.H; i++)
                        Transpose.Run(o + (nint)i * ow * s.K, s.W, s.K, s.K, image + (nint)(4 * ty + i) * s.W, plane);
                }
            }
        }

        /// <summary>strip[r, 1 + j, c] = x[c, y0 + r, j] for r &lt; 6, j &lt; W; zeros outside the image.</summary>
        private void FillStrip(float* image, int y0, float* strip)
        {
            int sw = s.StripWidth, plane = s.H * s.W;
            for (int r = 0; r < 6; r++)
            {
                float* row = strip + (nint)r * sw * s.C;
                int yy = y0 + r;
                if (yy < 0 || yy >= s.H)
                {
                    new Span<float>(row, sw * s.C).Clear();
                    continue;
                }
                new Span<float>(row, s.C).Clear();
                new Span<float>(row + (nint)(s.W + 1) * s.C, (sw - s.W - 1) * s.C).Clear();
                Transpose.Run(image + (nint)yy * s.W, s.C, s.W, plane, row + s.C, s.C);
            }
        }
    }
}
