using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>
/// Checks the direct convolution (<c>ConvDirect</c>) with each of its tile sets, the AVX-512 tiles (<c>ConvKernel512</c>)
/// and the AVX2 tiles (<c>ConvKernel256</c>), for float and double: forward, ∂L/∂x and ∂L/∂W against naive double loops,
/// and the two tile sets against each other bit for bit.
/// </summary>
/// <remarks>
/// The tile set is forced per call (<c>ConvTiles.Wide</c>), so under every vector-width setting both run: in hardware
/// where that width is accelerated, else through the software fallback of the wider vector type. The shapes leave
/// partial position tiles and partial channel blocks (5, 7, 12, 40 channels), take one- and two-vector channel blocks at
/// both widths (16 and 32 channels), strides, 5×5 windows and groups.
/// </remarks>
public static class ConvChecks
{
    /// <summary>N, C, H, W, O, k, stride, pad, groups.</summary>
    private static readonly (int N, int C, int H, int W, int O, int K, int S, int P, int G)[] Shapes =
    [
        (2, 5, 7, 9, 7, 3, 1, 1, 1), (2, 16, 10, 9, 32, 3, 1, 1, 1), (1, 40, 6, 5, 40, 3, 2, 1, 1),
        (2, 12, 8, 7, 12, 3, 1, 1, 2), (1, 3, 12, 11, 6, 5, 1, 2, 1), (1, 32, 5, 6, 16, 1, 2, 0, 1),
    ];

    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        foreach (var s in Shapes)
        {
            Check<float>(log, s);
            Check<double>(log, s);
        }
    }

    private static void Check<T>(CheckLog log, (int N, int C, int H, int W, int O, int K, int S, int P, int G) s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string what = $"ConvDirect<{typeof(T).Name}>({s.N}×{s.C}×{s.H}×{s.W} → {s.O}, {s.K}×{s.K}, stride {s.S}, pad {s.P}, groups {s.G})";
        Random rng = Inputs.Rng(what, 0);
        var g = new SlidingWindow(s.C, s.H, s.W, s.K, s.K, s.S, s.S, s.P, s.P, s.P, s.P);
        T[] x = Inputs.Uniform<T>(rng, s.N * s.C * s.H * s.W, -1, 1), w = Inputs.Uniform<T>(rng, s.O * s.C / s.G * s.K * s.K, -1, 1);
        T[] b = Inputs.Uniform<T>(rng, s.O, -1, 1), dy = Inputs.Uniform<T>(rng, s.N * s.O * g.OutPlane, -1, 1);
        var (ey, edx, edw) = Reference(s, g, Widen.ToDouble<T>(x), Widen.ToDouble<T>(w), Widen.ToDouble<T>(b), Widen.ToDouble<T>(dy));
        Tolerance tolerance = Tolerance.For<T>(new(2e-5, 2e-5), new(1e-12, 1e-12));
        bool saved = ConvTiles.Wide;
        var results = new List<T[]>();
        try
        {
            foreach (bool wide in new[] { true, false })
            {
                ConvTiles.Wide = wide;
                string tiles = $"{what} {(wide ? "AVX-512" : "AVX2")} tiles";
                T[] yOut = new T[ey.Length];
                ConvDirect.Forward<T>(g, s.G, s.O, s.N, x, w, b, yOut);
                log.Close($"{tiles}: y", yOut, ey, tolerance);
                T[] dxOut = new T[edx.Length], dwOut = new T[edw.Length];
                ConvDirect.Backward<T>(g, s.G, s.O, s.N, x, w, dy, dxOut, dwOut);
                log.Close($"{tiles}: ∂L/∂x", dxOut, edx, tolerance);
                log.Close($"{tiles}: ∂L/∂W", dwOut, edw, tolerance);
                results.AddRange([yOut, dxOut, dwOut]);
            }
        }
        finally
        {
            ConvTiles.Wide = saved;
        }
        for (int i = 0; i < 3; i++) log.Same($"{what}: AVX-512 against AVX2 tiles, output {i}", results[i], results[i + 3]);
    }

    /// <summary>
    /// y[n, o, u, v] = b[o] + Σ_{c, i, j} x[n, grp·C/G + c, u·s + i − p, v·s + j − p]·w[o, c, i, j] (grp the group of o), and
    /// from dy: ∂L/∂x by adding each product's dy·w back to the pixel it read, ∂L/∂W[o, c, i, j] = Σ x[…]·dy[n, o, u, v].
    /// </summary>
    private static (double[] Y, double[] Dx, double[] Dw) Reference((int N, int C, int H, int W, int O, int K, int S, int P, int G) s,
        SlidingWindow g, double[] x, double[] w, double[] b, double[] dy)
    {
        int cg = s.C / s.G, og = s.O / s.G, oh = g.OutHeight, ow = g.OutWidth;
        var y = new double[s.N * s.O * oh * ow];
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        for (int n = 0; n < s.N; n++)
            for (int o = 0; o < s.O; o++)
                for (int u = 0; u < oh; u++)
                    for (int v = 0; v < ow; v++)
                    {
                        int at = ((n * s.O + o) * oh + u) * ow + v;
                        double sum = b[o];
                        for (int c = 0; c < cg; c++)
                            for (int i = 0; i < s.K; i++)
                                for (int j = 0; j < s.K; j++)
                                {
                                    int iy = u * s.S + i - s.P, ix = v * s.S + j - s.P;
                                    if (iy < 0 || iy >= s.H || ix < 0 || ix >= s.W) continue;
                                    int xi = ((n * s.C + o / og * cg + c) * s.H + iy) * s.W + ix, wi = ((o * cg + c) * s.K + i) * s.K + j;
                                    sum += x[xi] * w[wi];
                                    dx[xi] += dy[at] * w[wi];
                                    dw[wi] += dy[at] * x[xi];
                                }
                        y[at] = sum;
                    }
        return (y, dx, dw);
    }
}
