using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks every kernel of <see cref="Softmax"/> for float and double.</summary>
public static class SoftmaxChecks
{
    private delegate void Forward<T>(ReadOnlySpan<T> x, int rows, int n, Span<T> y);

    private delegate void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, int rows, int n, Span<T> dx);

    /// <summary>Row lengths: every length 0..130, plus lengths around and past the kernels' 256-element chunks.</summary>
    private static IEnumerable<int> Lengths => Enumerable.Range(0, Inputs.MaxLength + 1).Concat([255, 256, 257, 600]);

    /// <summary>Runs the family.</summary>
    /// <remarks>
    /// In-place results are checked against the reference rather than bit for bit against the
    /// out-of-place ones: TensorPrimitives.Sum aligns its loads to the address, so its summation order
    /// (and last bit) depends on where the row sits in memory.
    /// </remarks>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // ±80 (float) / ±700 (double) would overflow e^x without the max shift; ±5 gives spread-out rows.
        foreach ((double range, int rows) in new[] { (Inputs.ExpRange<T>(), 3), (5.0, 1) })
            foreach (int n in Lengths)
                CheckShape<T>(log, rows, n, range);
    }

    private static void CheckShape<T>(CheckLog log, int rows, int n, double range) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string shape = $"<{typeof(T).Name}>[{rows}, {n}] in ±{range}";
        Random rng = Inputs.Rng("Softmax", rows * 100_000 + n * 10 + (int)range);
        T[] x = Inputs.Uniform<T>(rng, rows * n, -range, range), dy = Inputs.Uniform<T>(rng, rows * n, -1, 1);
        double[][] xRows = Split(x, rows, n), dyRows = Split(dy, rows, n);
        double[][] soft = xRows.Select(Naive.Softmax).ToArray(), logSoft = xRows.Select(Naive.LogSoftmax).ToArray();
        T[] y = Round<T>(soft), logY = Round<T>(logSoft);
        double[][] yRows = Split(y, rows, n), logYRows = Split(logY, rows, n);
        Tolerance tolerance = Tolerance.Transcendental<T>();

        CheckForward<T>(log, "Softmax.Forward" + shape, Softmax.Forward, x, rows, n, soft.SelectMany(r => r).ToArray(), tolerance, null);
        // Log-softmax subtracts values as large as max|x|, so its absolute error scales with it.
        double[] xScale = xRows.SelectMany(r => Enumerable.Repeat(r.Length == 0 ? 0 : r.Max(Math.Abs), r.Length)).ToArray();
        CheckForward<T>(log, "Softmax.LogForward" + shape, Softmax.LogForward, x, rows, n, logSoft.SelectMany(r => r).ToArray(), tolerance, xScale);

        double[] expected = yRows.Zip(dyRows, Naive.SoftmaxBackward).SelectMany(r => r).ToArray();
        // dx = y ⊙ (dy − Σ dy ⊙ y): the terms are bounded by |y|·(|dy| + Σ|dy ⊙ y|).
        double[] scale = yRows.Zip(dyRows, (yr, gr) =>
        {
            double dot = yr.Zip(gr, (a, b) => Math.Abs(a * b)).Sum();
            return yr.Select((v, i) => Math.Abs(v) * (Math.Abs(gr[i]) + dot));
        }).SelectMany(r => r).ToArray();
        CheckBackward<T>(log, "Softmax.Backward" + shape, Softmax.Backward, y, dy, rows, n, expected, tolerance, scale);

        expected = logYRows.Zip(dyRows, Naive.LogSoftmaxBackward).SelectMany(r => r).ToArray();
        // dx = dy − e^y · Σ dy: the terms are bounded by |dy| + e^y · Σ|dy|.
        scale = logYRows.Zip(dyRows, (yr, gr) =>
        {
            double total = gr.Sum(Math.Abs);
            return yr.Select((v, i) => Math.Abs(gr[i]) + Math.Exp(v) * total);
        }).SelectMany(r => r).ToArray();
        CheckBackward<T>(log, "Softmax.LogBackward" + shape, Softmax.LogBackward, logY, dy, rows, n, expected, tolerance, scale);
    }

    private static void CheckForward<T>(CheckLog log, string what, Forward<T> kernel, T[] x, int rows, int n,
        double[] expected, Tolerance tolerance, double[]? scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new Guarded<T>(x.Length);
        kernel(x, rows, n, y.Span);
        log.Close(what, y.Span, expected, tolerance, scale);
        log.Check(y.GuardsIntact, $"{what}: wrote outside the destination");
        log.Check(TensorAllFinite<T>(y.Span), $"{what}: non-finite result");
        var inPlace = new Guarded<T>(x);
        kernel(inPlace.Span, rows, n, inPlace.Span);
        log.Close($"{what} in place", inPlace.Span, expected, tolerance, scale);
    }

    private static void CheckBackward<T>(CheckLog log, string what, Backward<T> kernel, T[] y, T[] dy, int rows, int n,
        double[] expected, Tolerance tolerance, double[] scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dx = new Guarded<T>(y.Length);
        kernel(y, dy, rows, n, dx.Span);
        log.Close(what, dx.Span, expected, tolerance, scale);
        log.Check(dx.GuardsIntact, $"{what}: wrote outside the destination");
        var inPlace = new Guarded<T>(dy);
        kernel(y, inPlace.Span, rows, n, inPlace.Span);
        log.Close($"{what} into dy", inPlace.Span, expected, tolerance, scale);
    }

    private static bool TensorAllFinite<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (T v in x) if (!T.IsFinite(v)) return false;
        return true;
    }

    private static double[][] Split<T>(T[] x, int rows, int n) where T : unmanaged, IFloatingPointIeee754<T>
        => Enumerable.Range(0, rows).Select(r => Widen.ToDouble<T>(x.AsSpan(r * n, n))).ToArray();

    private static T[] Round<T>(double[][] rows) where T : unmanaged, IFloatingPointIeee754<T>
        => rows.SelectMany(r => r).Select(T.CreateTruncating).ToArray();
}
