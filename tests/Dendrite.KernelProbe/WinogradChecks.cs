using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>
/// Checks the Winograd F(4×4, 3×3) forward (<c>WinogradConv</c>: its transforms and its 8-tile × 16/32-channel products)
/// against naive double loops: each output within 5e-6 of Σ|w|·|x| + |b| over its window, the ReLU epilogue bitwise
/// ReLU of the plain output.
/// </summary>
/// <remarks>
/// The kernel is called directly, so under every vector-width setting it runs: in hardware where 512-bit vectors are
/// accelerated, else through <c>Vector512</c>'s software fallback (the library takes this path only in the first case).
/// The shapes leave partial 4×4 tiles and partial 8-tile groups and take both product tiles (16 and 48 channels).
/// </remarks>
public static class WinogradChecks
{
    /// <summary>N, C, H, W, K.</summary>
    private static readonly (int N, int C, int H, int W, int K)[] Shapes = [(2, 16, 7, 9, 48), (1, 32, 8, 8, 16), (3, 16, 5, 4, 32)];

    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        foreach (var s in Shapes)
        {
            string what = $"WinogradConv({s.N}×{s.C}×{s.H}×{s.W} → {s.K})";
            Random rng = Inputs.Rng(what, 0);
            var g = new SlidingWindow(s.C, s.H, s.W, 3, 3, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1);
            float[] x = Inputs.Uniform<float>(rng, s.N * s.C * s.H * s.W, -1, 1), w = Inputs.Uniform<float>(rng, s.K * s.C * 9, -1, 1);
            float[] b = Inputs.Uniform<float>(rng, s.K, -1, 1);
            var (expected, scale) = Reference(s, Widen.ToDouble<float>(x), Widen.ToDouble<float>(w), Widen.ToDouble<float>(b));
            float[] y = new float[expected.Length], rectified = new float[expected.Length];
            WinogradConv.Forward<float>(g, s.K, s.N, x, w, b, y);
            WinogradConv.Forward<float>(g, s.K, s.N, x, w, b, rectified, relu: true);
            log.Close($"{what}: y", y, expected, new Tolerance(5e-6), scale);
            log.Same($"{what}: ReLU epilogue", rectified, [.. y.Select(v => v > 0 ? v : 0f)]);
        }
    }

    /// <summary>y[n, k, u, v] = b[k] + Σ_{c, i, j} w[k, c, i, j]·x[n, c, u + i − 1, v + j − 1], and the same sum of |w|·|x| + |b|.</summary>
    private static (double[] Y, double[] Scale) Reference((int N, int C, int H, int W, int K) s, double[] x, double[] w, double[] b)
    {
        var y = new double[s.N * s.K * s.H * s.W];
        var scale = new double[y.Length];
        for (int n = 0; n < s.N; n++)
            for (int k = 0; k < s.K; k++)
                for (int u = 0; u < s.H; u++)
                    for (int v = 0; v < s.W; v++)
                    {
                        double sum = b[k], abs = Math.Abs(b[k]);
                        for (int c = 0; c < s.C; c++)
                            for (int i = 0; i < 3; i++)
                                for (int j = 0; j < 3; j++)
                                {
                                    int yy = u + i - 1, xx = v + j - 1;
                                    if (yy < 0 || yy >= s.H || xx < 0 || xx >= s.W) continue;
                                    double p = w[((k * s.C + c) * 3 + i) * 3 + j] * x[((n * s.C + c) * s.H + yy) * s.W + xx];
                                    sum += p;
                                    abs += Math.Abs(p);
                                }
                        int at = ((n * s.K + k) * s.H + u) * s.W + v;
                        y[at] = sum;
                        scale[at] = abs;
                    }
        return (y, scale);
    }
}
