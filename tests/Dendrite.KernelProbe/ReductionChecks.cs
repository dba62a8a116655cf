using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks every kernel of <see cref="Reductions"/> for float and double.</summary>
public static class ReductionChecks
{
    private static readonly int[] Outers = [1, 3], Ns = [1, 2, 5, 31, 130], Inners = [1, 2, 3, 8, 17, 67, 130];

    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string type = typeof(T).Name;
        for (int n = 0; n <= Inputs.MaxLength; n++)
        {
            double[] x = Widen.ToDouble<T>(Inputs.Uniform<T>(Inputs.Rng("Sum", n), n, -100, 100));
            T[] xt = x.Select(T.CreateTruncating).ToArray();
            // Summation error grows with Σ|x|, not with the (possibly cancelled) sum itself.
            log.Close<T>($"Sum<{type}>[{n}]", [Reductions.Sum<T>(xt)], [x.Sum()], Tolerance.Transcendental<T>(), [x.Sum(Math.Abs)]);
            log.Close<T>($"Max<{type}>[{n}]", [Reductions.Max<T>(xt)], [n == 0 ? double.NaN : x.Max()], Tolerance.Rounding<T>());
            if (n == 0) continue;
            xt[n / 2] = T.NaN;
            log.Check(T.IsNaN(Reductions.Max<T>(xt)), $"Max<{type}>[{n}] with a NaN is not NaN");
        }
        foreach (int outer in Outers)
            foreach (int n in Ns)
                foreach (int inner in Inners)
                    CheckAxis<T>(log, outer, n, inner);
        CheckAxis<T>(log, 2, 0, 5);
        CheckAxis<T>(log, 2, 0, 1);
    }

    /// <summary>SumAxis, MaxAxis and ArgMaxAxis over one [outer, n, inner] shape (n = 0 only for SumAxis).</summary>
    private static void CheckAxis<T>(CheckLog log, int outer, int n, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string shape = $"<{typeof(T).Name}>[{outer}, {n}, {inner}]";
        Random rng = Inputs.Rng("Axis", outer * 1_000_000 + n * 1000 + inner);
        int count = outer * inner;
        T[] x = Inputs.Uniform<T>(rng, outer * n * inner, -100, 100);
        var sum = new Guarded<T>(count);
        Reductions.SumAxis<T>(x, outer, n, inner, sum.Span);
        log.Close($"SumAxis{shape}", sum.Span, Fold(x, outer, n, inner, (acc, v) => acc + v, 0),
            Tolerance.Transcendental<T>(), Fold(x, outer, n, inner, (acc, v) => acc + Math.Abs(v), 0));
        log.Check(sum.GuardsIntact, $"SumAxis{shape}: wrote outside the destination");
        if (n == 0) return;

        // Small integers make ties common, so "first index of the maximum" is really exercised; a
        // sprinkling of NaN must win both max (NaN) and argmax (first NaN).
        foreach (bool withNaN in new[] { false, true })
        {
            T[] v = Inputs.Integers<T>(rng, outer * n * inner, -3, 3);
            if (withNaN) for (int i = rng.Next(7); i < v.Length; i += 7 + rng.Next(40)) v[i] = T.NaN;
            string what = withNaN ? shape + " with NaN" : shape;
            var max = new Guarded<T>(count);
            Reductions.MaxAxis<T>(v, outer, n, inner, max.Span);
            log.Close($"MaxAxis{what}", max.Span, Fold(v, outer, n, inner, (acc, e) => double.IsNaN(acc) ? acc : e > acc || double.IsNaN(e) ? e : acc, double.NegativeInfinity), Tolerance.Rounding<T>());
            log.Check(max.GuardsIntact, $"MaxAxis{what}: wrote outside the destination");
            var index = new int[count + 1];
            index[count] = -7;
            Reductions.ArgMaxAxis<T>(v, outer, n, inner, index.AsSpan(0, count));
            int[] expected = NaiveArgMax(Widen.ToDouble<T>(v), outer, n, inner);
            int bad = Enumerable.Range(0, count).FirstOrDefault(k => expected[k] != index[k], -1);
            log.Check(bad < 0 && index[count] == -7, $"ArgMaxAxis{what}: [{bad}] = {(bad < 0 ? 0 : index[bad])}, expected {(bad < 0 ? 0 : expected[bad])}");
        }
    }

    /// <summary>y[o, i] = fold over j of x[o, j, i], in double.</summary>
    private static double[] Fold<T>(T[] x, int outer, int n, int inner, Func<double, double, double> step, double seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new double[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double acc = seed;
                for (int j = 0; j < n; j++) acc = step(acc, double.CreateTruncating(x[(o * n + j) * inner + i]));
                y[o * inner + i] = acc;
            }
        return y;
    }

    /// <summary>The first j holding a NaN if there is one, else the first j holding the maximum.</summary>
    private static int[] NaiveArgMax(double[] x, int outer, int n, int inner)
    {
        var index = new int[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                for (int j = 0; j < n; j++)
                {
                    double v = x[(o * n + j) * inner + i];
                    if (double.IsNaN(v)) { best = j; break; }
                    if (v > x[(o * n + best) * inner + i]) best = j;
                }
                index[o * inner + i] = best;
            }
        return index;
    }
}
