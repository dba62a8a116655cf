using System.Runtime.CompilerServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The filter transform of Winograd's F(4×4, 3×3) (<see cref="WinogradConv"/>): U = G·g·Gᵀ for each 3×3 filter g,
/// a 6×6 matrix whose 36 entries ξ = 6i + j are stored as 36 matrices [C, K], u[(ξ·C + c)·K + k].
/// </summary>
/// <remarks>
/// <para>G (6×3) evaluates the filter polynomial at the points 0, 1, −1, 2, −2 and ∞, with the interpolation's
/// scaling folded in: rows (1/4, 0, 0), (−1/6, −1/6, −1/6), (−1/6, 1/6, −1/6), (1/24, 1/12, 1/6), (1/24, −1/12, 1/6),
/// (0, 0, 1) (A. Lavin, S. Gray, "Fast Algorithms for Convolutional Neural Networks", 2015).</para>
/// <para>The transform is computed in float64 and rounded once to float.</para>
/// </remarks>
internal static unsafe class WinogradFilters
{
    /// <summary>Entries of the transformed tile: 6 × 6.</summary>
    public const int Points = 36;

    private static readonly double[] G =
    [
        1.0 / 4, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6,
        1.0 / 24, -1.0 / 12, 1.0 / 6,
        0, 0, 1,
    ];

    /// <summary>Floats of the packed transform of K filters over C channels.</summary>
    public static long Size(int outChannels, int channels) => (long)Points * channels * outChannels;

    /// <summary>u[(ξ·C + c)·K + k] = (G·w[k, c]·Gᵀ)[ξ] for w [K, C, 3, 3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<float> w, int outChannels, int channels, float* u)
    {
        Span<double> t = stackalloc double[18];
        // channels outer, filters inner: each of the 36 matrices is written row by row
        for (int c = 0; c < channels; c++)
            for (int k = 0; k < outChannels; k++)
            {
                ReadOnlySpan<float> g = w.Slice((k * channels + c) * 9, 9);
                // t = G·g (6×3)
                for (int i = 0; i < 6; i++)
                    for (int j = 0; j < 3; j++)
                        t[i * 3 + j] = G[i * 3] * g[j] + G[i * 3 + 1] * g[3 + j] + G[i * 3 + 2] * g[6 + j];
                // U = t·Gᵀ (6×6)
                for (int i = 0; i < 6; i++)
                    for (int j = 0; j < 6; j++)
                    {
                        double v = t[i * 3] * G[j * 3] + t[i * 3 + 1] * G[j * 3 + 1] + t[i * 3 + 2] * G[j * 3 + 2];
                        u[((long)(i * 6 + j) * channels + c) * outChannels + k] = (float)v;
                    }
            }
    }
}
