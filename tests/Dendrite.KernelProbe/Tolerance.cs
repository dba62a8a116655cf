using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>
/// How far a kernel result a may sit from the double-precision reference e:
/// |a − e| ≤ Absolute + Relative · max(|e|, scale), where scale bounds the size of the terms that
/// were summed (so cancellation does not demand impossible relative accuracy).
/// </summary>
/// <param name="Relative">Relative tolerance, a few ulps of the element type or more.</param>
/// <param name="Absolute">Absolute floor for results near zero.</param>
public readonly record struct Tolerance(double Relative, double Absolute = 0)
{
    /// <summary>A few ulps: for operations that round once or twice (add, multiply, divide, sqrt, select).</summary>
    public static Tolerance Rounding<T>() => For<T>(new(4e-7), new(1e-15));

    /// <summary>For transcendental functions and short accumulations (exp, log, tanh, sums).</summary>
    public static Tolerance Transcendental<T>() => For<T>(new(1e-5, 1e-7), new(1e-12, 1e-15));

    /// <summary>Picks the float or the double tolerance by T.</summary>
    public static Tolerance For<T>(Tolerance single, Tolerance dbl) => typeof(T) == typeof(float) ? single : dbl;

    /// <summary>Whether actual is within tolerance of expected; NaN matches NaN and infinities must match exactly.</summary>
    public bool Accepts(double actual, double expected, double scale = 0)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return actual == expected;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Max(Math.Abs(expected), scale);
    }
}
