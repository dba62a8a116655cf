using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Which register tiles the direct convolution (<see cref="ConvDirect"/>) runs: the AVX-512 tiles of
/// <see cref="ConvKernel512{T}"/> where 512-bit vectors run in hardware, else the AVX2 tiles of <see cref="ConvKernel256{T}"/>.
/// </summary>
/// <remarks>
/// <para>A call reads <see cref="Wide"/> once on the calling thread and hands the choice to its workers, packings and
/// plans, so a choice never changes inside a call. Both tile sets sum every output element (and every weight-gradient
/// entry of a chunk) in the same order, starting from the same value, so they give bitwise the same results.</para>
/// <para><see cref="Wide"/> may be set per thread (the bench's A/B and the kernel probe's checks); setting it where
/// 512-bit vectors are not accelerated is allowed and runs the software fallback of <see cref="Vector512{T}"/>.</para>
/// </remarks>
internal static class ConvTiles
{
    /// <summary>
    /// Position tables are padded to a multiple of this (of both tiles' position counts, 6 and 8), so either tile set
    /// finds whole tiles in them; each runs only the <see cref="Tiles"/> its positions need.
    /// </summary>
    public const int PositionQuantum = 24;

    [ThreadStatic] private static bool? t_wide;

    /// <summary>Whether 512-bit vectors run in hardware, so the AVX-512 tiles are the default.</summary>
    public static bool WideAvailable => Vector512.IsHardwareAccelerated;

    /// <summary>Whether calls made on this thread run the AVX-512 tiles (default: <see cref="WideAvailable"/>).</summary>
    public static bool Wide
    {
        get => t_wide ?? WideAvailable;
        set => t_wide = value;
    }

    /// <summary>
    /// Whether the AVX-512 correlations use runs of consecutive positions: channels first where a plane's rows split into
    /// whole vectors and the channels into groups of 8 (<see cref="ConvRunKernel512{T}.CorrelatePlanes"/>, no transpose),
    /// else, for one vector of channels, two tiles per call (<see cref="ConvRunKernel512{T}.CorrelateNarrowRuns"/>, sixteen
    /// accumulators), instead of always the channels-last tiles one at a time (<see cref="ConvKernel512{T}.Correlate"/>,
    /// <see cref="ConvKernel512{T}.CorrelateNarrow"/>). Default true; all give the same bits, and the switch is
    /// process-wide, for the bench's interleaved A/B and the tests that compare them.
    /// </summary>
    public static bool PositionRuns { get; set; } = true;

    /// <summary>
    /// Whether a phase whose tiles run over <paramref name="channels"/> channels takes the AVX-512 tiles when
    /// <paramref name="wide"/> is asked for: only past one 256-bit vector of channels. Up to 8 float channels (LeNet's 6)
    /// the AVX2 tiles' one-vector form (12 positions × 8 lanes) leaves fewer idle lanes than a 16-lane vector.
    /// </summary>
    public static bool Fits<T>(bool wide, int channels) => wide && channels > Vector256<T>.Count;

    /// <summary>Lanes of one tile vector: 512-bit (16 float, 8 double) or 256-bit (8 float, 4 double).</summary>
    public static int Lanes<T>(bool wide) => wide ? Vector512<T>.Count : Vector256<T>.Count;

    /// <summary>Output positions of one correlation tile: 8 (AVX-512) or 6 (AVX2).</summary>
    public static int Positions(bool wide) => wide ? ConvKernel512<float>.Positions : ConvKernel256<float>.Positions;

    /// <summary>Tiles that cover <paramref name="count"/> output positions: ⌈count / <see cref="Positions"/>⌉.</summary>
    public static int Tiles(int count, bool wide) => (count + Positions(wide) - 1) / Positions(wide);

    /// <summary><paramref name="count"/> rounded up to whole <see cref="PositionQuantum"/>s (at least one).</summary>
    public static int PaddedPositions(int count) => (Math.Max(1, count) + PositionQuantum - 1) / PositionQuantum * PositionQuantum;
}
