using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>y = f(x) over spans.</summary>
public delegate void UnaryKernel<T>(ReadOnlySpan<T> x, Span<T> y);

/// <summary>z = f(x, y) over spans.</summary>
public delegate void BinaryKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z);

/// <summary>z = f(x, y, w) over spans.</summary>
public delegate void TernaryKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> w, Span<T> z);

/// <summary>
/// Checks an elementwise kernel at every length 0..<see cref="Inputs.MaxLength"/> against a scalar
/// double reference, checks that nothing outside the destination is written, and that running it in
/// place (destination aliasing each source in turn) gives bit-identical results.
/// </summary>
public static class SpanChecks
{
    /// <summary>y = f(x) against reference(x).</summary>
    public static void Unary<T>(CheckLog log, string name, UnaryKernel<T> kernel, Func<double, double> reference,
        Func<Random, int, T[]> input, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= Inputs.MaxLength; n++)
        {
            string what = $"{name}<{typeof(T).Name}>[{n}]";
            T[] x = input(Inputs.Rng(name, n), n);
            var y = new Guarded<T>(n);
            kernel(x, y.Span);
            log.Close(what, y.Span, Widen.ToDouble<T>(x).Select(reference).ToArray(), tolerance);
            log.Check(y.GuardsIntact, $"{what}: wrote outside the destination");
            var inPlace = new Guarded<T>(x);
            kernel(inPlace.Span, inPlace.Span);
            log.Same($"{what} in place", inPlace.Span, y.Span);
        }
    }

    /// <summary>z = f(x, y) against reference(x, y); scale(x, y), if given, bounds the terms for the tolerance.</summary>
    public static void Binary<T>(CheckLog log, string name, BinaryKernel<T> kernel, Func<double, double, double> reference,
        Func<Random, int, T[]> xInput, Func<Random, int, T[]> yInput, Tolerance tolerance,
        Func<double, double, double>? scale = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= Inputs.MaxLength; n++)
        {
            string what = $"{name}<{typeof(T).Name}>[{n}]";
            Random rng = Inputs.Rng(name, n);
            T[] x = xInput(rng, n), y = yInput(rng, n);
            double[] xd = Widen.ToDouble<T>(x), yd = Widen.ToDouble<T>(y);
            var z = new Guarded<T>(n);
            kernel(x, y, z.Span);
            double[] expected = xd.Select((v, i) => reference(v, yd[i])).ToArray();
            double[] bound = scale is null ? [] : xd.Select((v, i) => scale(v, yd[i])).ToArray();
            log.Close(what, z.Span, expected, tolerance, bound);
            log.Check(z.GuardsIntact, $"{what}: wrote outside the destination");
            var onX = new Guarded<T>(x);
            kernel(onX.Span, y, onX.Span);
            log.Same($"{what} into x", onX.Span, z.Span);
            var onY = new Guarded<T>(y);
            kernel(x, onY.Span, onY.Span);
            log.Same($"{what} into y", onY.Span, z.Span);
        }
    }

    /// <summary>z = f(x, y, w) against reference(x, y, w); scale(x, y, w), if given, bounds the terms.</summary>
    public static void Ternary<T>(CheckLog log, string name, TernaryKernel<T> kernel, Func<double, double, double, double> reference,
        Func<Random, int, T[]> input, Tolerance tolerance,
        Func<double, double, double, double>? scale = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= Inputs.MaxLength; n++)
        {
            string what = $"{name}<{typeof(T).Name}>[{n}]";
            Random rng = Inputs.Rng(name, n);
            T[] x = input(rng, n), y = input(rng, n), w = input(rng, n);
            double[] xd = Widen.ToDouble<T>(x), yd = Widen.ToDouble<T>(y), wd = Widen.ToDouble<T>(w);
            var z = new Guarded<T>(n);
            kernel(x, y, w, z.Span);
            double[] expected = xd.Select((v, i) => reference(v, yd[i], wd[i])).ToArray();
            double[] bound = scale is null ? [] : xd.Select((v, i) => scale(v, yd[i], wd[i])).ToArray();
            log.Close(what, z.Span, expected, tolerance, bound);
            log.Check(z.GuardsIntact, $"{what}: wrote outside the destination");
            var onW = new Guarded<T>(w);
            kernel(x, y, onW.Span, onW.Span);
            log.Same($"{what} into w", onW.Span, z.Span);
        }
    }
}
