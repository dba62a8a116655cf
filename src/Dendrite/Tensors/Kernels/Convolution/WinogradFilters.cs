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

    /// <summary>Floats of the packed transform of K filters over C channels.</summary>
    public static long Size(int outChannels, int channels) => (long)Points * channels * outChannels;

    /// <summary>u[(ξ·C + c)·K + k] = (G·w[k, c]·Gᵀ)[ξ] for w [K, C, 3, 3], channels in parallel (each written by one item).</summary>
    public static void Pack(ReadOnlySpan<float> w, int outChannels, int channels, float* u)
    {
        fixed (float* pw = w)
            KernelParallel.For(channels, 200.0 * channels * outChannels, new Channels(pw, outChannels, channels, u));
    }

    /// <summary>Item c: the transforms of every filter's channel c.</summary>
    private readonly struct Channels(float* w, int outChannels, int channels, float* u) : IItemBody
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int c)
        {
            double* t = stackalloc double[18], r = stackalloc double[6];
            for (int k = 0; k < outChannels; k++)
            {
                float* g = w + ((nint)k * channels + c) * 9;
                // t = G·g (6×3), column by column
                for (int j = 0; j < 3; j++) Column(g[j], g[3 + j], g[6 + j], t + j, 3);
                // U = t·Gᵀ (6×6), row by row, each entry rounded once
                for (int i = 0; i < 6; i++)
                {
                    Column(t[3 * i], t[3 * i + 1], t[3 * i + 2], r, 1);
                    for (int j = 0; j < 6; j++) u[((nint)(i * 6 + j) * channels + c) * outChannels + k] = (float)r[j];
                }
            }
        }

        /// <summary>o[q·os] = (G·(a, b, c))[q].</summary>
        private static void Column(double a, double b, double c, double* o, int os)
        {
            double ac = a + c;
            o[0] = a / 4;
            o[os] = -(ac + b) / 6;
            o[2 * os] = -(ac - b) / 6;
            o[3 * os] = a / 24 + b / 12 + c / 6;
            o[4 * os] = a / 24 - b / 12 + c / 6;
            o[5 * os] = c;
        }
    }
}
