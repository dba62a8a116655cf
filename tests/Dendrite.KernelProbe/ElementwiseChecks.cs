using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks every kernel of <see cref="Elementwise"/> for float and double.</summary>
public static class ElementwiseChecks
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
        Func<Random, int, T[]> signed = Inputs.Signed<T>(100), positive = Inputs.Positive<T>(1e-3, 100);
        T s = T.CreateTruncating(-2.75);
        double sd = double.CreateTruncating(s);

        SpanChecks.Binary<T>(log, "Add", Elementwise.Add, (x, y) => x + y, signed, signed, round);
        SpanChecks.Binary<T>(log, "Subtract", Elementwise.Subtract, (x, y) => x - y, signed, signed, round);
        SpanChecks.Binary<T>(log, "Multiply", Elementwise.Multiply, (x, y) => x * y, signed, signed, round);
        SpanChecks.Binary<T>(log, "Divide", Elementwise.Divide, (x, y) => x / y, signed, positive, round);
        SpanChecks.Unary(log, "AddScalar", (x, y) => Elementwise.Add(x, s, y), x => x + sd, signed, round);
        SpanChecks.Unary(log, "MultiplyScalar", (x, y) => Elementwise.Multiply(x, s, y), x => x * sd, signed, round);
        // z = x·s + y rounds twice, so the error is relative to |x·s| + |y|, not to a cancelled |z|.
        SpanChecks.Binary(log, "MultiplyAddScalar", (x, y, z) => Elementwise.MultiplyAdd(x, s, y, z),
            (x, y) => x * sd + y, signed, signed, round, (x, y) => Math.Abs(x * sd) + Math.Abs(y));
        SpanChecks.Ternary<T>(log, "MultiplyAdd", Elementwise.MultiplyAdd, (x, y, w) => x * y + w, signed, round,
            (x, y, w) => Math.Abs(x * y) + Math.Abs(w));
        SpanChecks.Unary<T>(log, "Negate", Elementwise.Negate, x => -x, signed, round);
        SpanChecks.Unary<T>(log, "Exp", Elementwise.Exp, Math.Exp, Inputs.Signed<T>(Inputs.ExpRange<T>()), transcendental);
        SpanChecks.Unary<T>(log, "Log", Elementwise.Log, Math.Log, (rng, n) => Inputs.Uniform<T>(rng, n, -30, 30).Select(e => T.Exp10(e)).ToArray(), transcendental);
        SpanChecks.Unary<T>(log, "Square", Elementwise.Square, x => x * x, signed, round);
        SpanChecks.Unary<T>(log, "Sqrt", Elementwise.Sqrt, Math.Sqrt, Inputs.Positive<T>(0, 1e6), round);
        SpanChecks.Unary<T>(log, "Abs", Elementwise.Abs, Math.Abs, signed, round);
        SpanChecks.Unary<T>(log, "Sign", Elementwise.Sign, x => Math.Sign(x), signed, round);
        SpanChecks.Unary(log, "Pow", (x, y) => Elementwise.Pow(x, T.CreateTruncating(1.5), y), x => Math.Pow(x, 1.5),
            Inputs.Positive<T>(0, 100), transcendental);
        SpanChecks.Unary(log, "Clamp", (x, y) => Elementwise.Clamp(x, T.CreateTruncating(-1.5), T.CreateTruncating(20), y),
            x => Math.Clamp(x, -1.5, 20), signed, round);
        SpanChecks.Unary(log, "Fill", (x, y) => { x.CopyTo(y); Elementwise.Fill(y, s); }, _ => sd, signed, round);
        CheckSpecialValues<T>(log);
    }

    /// <summary>Sign keeps ±0 and NaN as they are and maps ±∞ and ±ε to ±1, in vector lanes and the tail alike.</summary>
    private static void CheckSpecialValues<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] pattern = [T.NegativeZero, T.Zero, T.NaN, T.NegativeInfinity, T.PositiveInfinity, T.Epsilon, -T.Epsilon];
        T[] x = Enumerable.Repeat(pattern, 7).SelectMany(p => p).ToArray();
        var y = new T[x.Length];
        Elementwise.Sign<T>(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            T expected = T.IsNaN(x[i]) || T.IsZero(x[i]) ? x[i] : T.IsPositive(x[i]) ? T.One : -T.One;
            bool ok = T.IsNaN(expected) ? T.IsNaN(y[i]) : y[i] == expected && T.IsNegative(y[i]) == T.IsNegative(expected);
            log.Check(ok, $"Sign<{typeof(T).Name}>({x[i]}) = {y[i]}, expected {expected}");
        }
    }
}
