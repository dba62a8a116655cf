using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks every kernel of <see cref="Activations"/> for float and double.</summary>
public static class ActivationChecks
{
    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tolerance round = Tolerance.Rounding<T>(), transcendental = Tolerance.Transcendental<T>();
        // ±80 (float) and ±700 (double) push e⁻ˣ to the edge of overflow: results must stay finite.
        Func<Random, int, T[]> wide = Inputs.Signed<T>(Inputs.ExpRange<T>()), signed = Inputs.Signed<T>(10);
        Func<Random, int, T[]> unit = Inputs.Signed<T>(1), probability = Inputs.Positive<T>(0, 1);
        T slope = T.CreateTruncating(0.1);
        double sd = double.CreateTruncating(slope);

        SpanChecks.Unary<T>(log, "Sigmoid", Activations.Sigmoid, Naive.Sigmoid, wide, transcendental);
        SpanChecks.Binary<T>(log, "SigmoidBackward", Activations.SigmoidBackward, (y, dy) => dy * y * (1 - y),
            probability, signed, round);
        SpanChecks.Unary<T>(log, "Tanh", Activations.Tanh, Math.Tanh, wide, transcendental);
        SpanChecks.Unary<T>(log, "TanhSmall", Activations.Tanh, Math.Tanh, unit, transcendental);
        // 1 − y² cancels as |y| → 1; the rounding of y² is relative to |dy|·(1 + y²).
        SpanChecks.Binary<T>(log, "TanhBackward", Activations.TanhBackward, (y, dy) => dy * (1 - y * y),
            unit, signed, round, (y, dy) => Math.Abs(dy) * (1 + y * y));
        SpanChecks.Unary<T>(log, "Relu", Activations.Relu, x => x > 0 ? x : 0, signed, round);
        SpanChecks.Binary<T>(log, "ReluBackward", Activations.ReluBackward, (x, dy) => x > 0 ? dy : 0, signed, signed, round);
        SpanChecks.Unary(log, "LeakyRelu", (x, y) => Activations.LeakyRelu(x, slope, y), x => x > 0 ? x : sd * x, signed, round);
        SpanChecks.Binary(log, "LeakyReluBackward", (x, dy, dx) => Activations.LeakyReluBackward(x, dy, slope, dx),
            (x, dy) => x > 0 ? dy : sd * dy, signed, signed, round);
        CheckReluSpecialValues<T>(log);
    }

    /// <summary>ReLU maps −0, −∞ and NaN to +0 and keeps +∞; its gradient is 0 at x = 0 and at NaN.</summary>
    private static void CheckReluSpecialValues<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] pattern = [T.NegativeZero, T.Zero, T.NaN, T.NegativeInfinity, T.PositiveInfinity, T.Epsilon, -T.One];
        T[] x = Enumerable.Repeat(pattern, 7).SelectMany(p => p).ToArray();
        T[] y = new T[x.Length], dx = new T[x.Length], dy = Enumerable.Repeat(T.CreateTruncating(3), x.Length).ToArray();
        Activations.Relu<T>(x, y);
        Activations.ReluBackward<T>(x, dy, dx);
        for (int i = 0; i < x.Length; i++)
        {
            bool positive = x[i] > T.Zero;
            T expected = positive ? x[i] : T.Zero, expectedGrad = positive ? dy[i] : T.Zero;
            log.Check(y[i] == expected && !T.IsNegative(y[i]), $"Relu<{typeof(T).Name}>({x[i]}) = {y[i]}, expected {expected}");
            log.Check(dx[i] == expectedGrad, $"ReluBackward<{typeof(T).Name}>({x[i]}) = {dx[i]}, expected {expectedGrad}");
        }
    }
}
