using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>
/// Checks the LSTM cell kernel <see cref="LstmGates"/> forward and backward against double-precision formulas, for
/// float and double, at hidden sizes that take the fused AVX-512 float path (multiples of 16) and one that does not.
/// </summary>
public static class RecurrentChecks
{
    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        foreach (int hidden in (int[])[16, 48, 20])
        {
            Run<float>(log, hidden);
            Run<double>(log, hidden);
        }
    }

    private static void Run<T>(CheckLog log, int hidden) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int rows = 3;
        int h = hidden, g = 4 * h;
        var random = new Random(hidden);
        T[] xp = Uniform<T>(random, rows * g, 12), hp = Uniform<T>(random, rows * g, 1), c = Uniform<T>(random, rows * h, 3);
        // The tails of σ and tanh, their clamps, and the neighbourhood of 0 where tanh must keep its relative accuracy.
        double[] special = [0, 1e-6, -1e-6, 3e-3, -0.3, 30, -30, 87.5, -87.5, 100, -100, 1e4];
        for (int k = 0; k < special.Length; k++)
        {
            xp[(k * 37) % xp.Length] = T.CreateTruncating(special[k]);
            hp[(k * 37) % xp.Length] = T.Zero;
        }
        T[] gates = new T[rows * g], cNext = new T[rows * h], tanhC = new T[rows * h], hNext = new T[rows * h];
        LstmGates.Forward<T>(xp, hp, c, h, gates, cNext, tanhC, hNext);

        var eGates = new double[rows * g];
        double[] eC = new double[rows * h], eTanh = new double[rows * h], eH = new double[rows * h], cScale = new double[rows * h];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < h; j++)
            {
                double Z(int gate) => double.CreateTruncating(xp[n * g + gate * h + j] + hp[n * g + gate * h + j]);
                double i = Naive.Sigmoid(Z(0)), f = Naive.Sigmoid(Z(1)), gg = Math.Tanh(Z(2)), o = Naive.Sigmoid(Z(3));
                (eGates[n * g + j], eGates[n * g + h + j], eGates[n * g + 2 * h + j], eGates[n * g + 3 * h + j]) = (i, f, gg, o);
                double cell = f * double.CreateTruncating(c[n * h + j]) + i * gg;
                (eC[n * h + j], eTanh[n * h + j], eH[n * h + j]) = (cell, Math.Tanh(cell), o * Math.Tanh(cell));
                cScale[n * h + j] = Math.Abs(f * double.CreateTruncating(c[n * h + j])) + Math.Abs(i * gg);
            }
        Tolerance transcendental = Tolerance.Transcendental<T>(), chain = Tolerance.For<T>(new(2e-6, 1e-7), new(1e-14, 1e-15));
        string name = $"<{typeof(T).Name}> H={h}";
        log.Close<T>($"LstmGates.Forward gates {name}", gates, eGates, transcendental);
        log.Close<T>($"LstmGates.Forward c' {name}", cNext, eC, chain, cScale);
        log.Close<T>($"LstmGates.Forward tanh c' {name}", tanhC, eTanh, transcendental);
        log.Close<T>($"LstmGates.Forward h' {name}", hNext, eH, transcendental);

        T[] dh = Uniform<T>(random, rows * h, 1), dcNext = Uniform<T>(random, rows * h, 1), dz = new T[rows * g], dc = new T[rows * h];
        LstmGates.Backward<T>(gates, tanhC, c, dh, dcNext, h, dz, dc);
        var eDz = new double[rows * g];
        double[] eDc = new double[rows * h], scale = new double[rows * g];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < h; j++)
            {
                double A(int gate) => double.CreateTruncating(gates[n * g + gate * h + j]);
                double i = A(0), f = A(1), gg = A(2), o = A(3), tc = double.CreateTruncating(tanhC[n * h + j]);
                double d = double.CreateTruncating(dh[n * h + j]), cp = double.CreateTruncating(c[n * h + j]);
                double dcn = double.CreateTruncating(dcNext[n * h + j]);
                double dcHat = dcn + d * o * (1 - tc * tc), hatScale = Math.Abs(dcn) + Math.Abs(d * o) * (1 + tc * tc);
                eDz[n * g + j] = dcHat * gg * i * (1 - i);
                eDz[n * g + h + j] = dcHat * cp * f * (1 - f);
                eDz[n * g + 2 * h + j] = dcHat * i * (1 - gg * gg);
                eDz[n * g + 3 * h + j] = d * tc * o * (1 - o);
                eDc[n * h + j] = dcHat * f;
                // 1 − y² cancels as |y| → 1, and dĉ is a sum: bound the rounding by the size of the terms.
                scale[n * g + j] = hatScale * Math.Abs(gg * i);
                scale[n * g + h + j] = hatScale * Math.Abs(cp * f);
                scale[n * g + 2 * h + j] = hatScale * Math.Abs(i) * (1 + gg * gg);
                scale[n * g + 3 * h + j] = Math.Abs(d * tc * o);
            }
        double[] dcScale = [.. Enumerable.Range(0, rows * h).Select(k => 2 * Math.Abs(eDc[k]) + Math.Abs(double.CreateTruncating(dcNext[k])))];
        log.Close<T>($"LstmGates.Backward dz {name}", dz, eDz, chain, scale);
        log.Close<T>($"LstmGates.Backward dc {name}", dc, eDc, chain, dcScale);

        // NaN stays NaN through every gate's clamp.
        for (int gate = 0; gate < 4; gate++)
        {
            T[] bad = (T[])xp.Clone(), out1 = new T[rows * g], out2 = new T[rows * h], out3 = new T[rows * h], out4 = new T[rows * h];
            bad[gate * h + 5] = T.NaN;
            LstmGates.Forward<T>(bad, hp, c, h, out1, out2, out3, out4);
            log.Check(T.IsNaN(out1[gate * h + 5]) && T.IsNaN(out4[5]), $"LstmGates.Forward {name}: NaN in gate {gate} gave {out1[gate * h + 5]}, h' {out4[5]}");
        }
    }

    private static T[] Uniform<T>(Random random, int length, double range) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, length).Select(_ => T.CreateTruncating((random.NextDouble() * 2 - 1) * range))];
}
