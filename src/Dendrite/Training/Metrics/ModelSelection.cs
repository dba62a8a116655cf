namespace Dendrite.Training;

/// <summary>
/// Picks the best model among candidates: the best value of one optimizing metric among the candidates that
/// meet every satisficing constraint.
/// </summary>
/// <remarks>
/// The course's recipe (Structuring ML Projects, "Satisficing and Optimizing metric"): with N things you care
/// about, optimize one and satisfice the other N − 1. Classifiers A (90 %, 80 ms), B (92 %, 95 ms) and
/// C (95 %, 1,500 ms) under "maximize accuracy subject to running time ≤ 100 ms" give B:
/// <code>
/// var pick = new ModelSelection("accuracy", maximize: true, Satisficing.AtMostOf("running_time_ms", 100));
/// int best = pick.BestIndex(scores); // 1
/// </code>
/// Ties go to the earlier candidate; NaN scores never win.
/// </remarks>
public sealed class ModelSelection
{
    /// <summary>Creates the rule.</summary>
    /// <param name="optimizing">Name of the optimizing metric in each candidate's scores.</param>
    /// <param name="maximize">True to pick the largest value, false the smallest (e.g. log loss).</param>
    /// <param name="satisficing">Constraints every eligible candidate must meet.</param>
    public ModelSelection(string optimizing, bool maximize = true, params Satisficing[] satisficing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(optimizing);
        Optimizing = optimizing;
        Maximize = maximize;
        Constraints = satisficing.ToArray();
    }

    /// <summary>Creates the rule with the direction of a <see cref="Metric"/>, e.g. <c>Metrics.Create("f1")</c>.</summary>
    public ModelSelection(Metric optimizing, params Satisficing[] satisficing)
        : this(optimizing.Name, optimizing.HigherIsBetter, satisficing)
    {
    }

    /// <summary>Name of the optimizing metric.</summary>
    public string Optimizing { get; }

    /// <summary>Whether larger optimizing values are better.</summary>
    public bool Maximize { get; }

    /// <summary>The satisficing constraints.</summary>
    public IReadOnlyList<Satisficing> Constraints { get; }

    /// <summary>Whether a candidate with these scores meets every constraint.</summary>
    /// <exception cref="ArgumentException">A constrained metric is missing from the scores.</exception>
    public bool IsFeasible(IReadOnlyDictionary<string, double> scores)
    {
        foreach (var c in Constraints)
            if (!c.IsMetBy(Lookup(scores, c.Metric))) return false;
        return true;
    }

    /// <summary>Index of the best feasible candidate, or −1 when none meets the constraints.</summary>
    public int BestIndex(IReadOnlyList<IReadOnlyDictionary<string, double>> candidates)
    {
        int best = -1;
        double bestValue = double.NaN;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (!IsFeasible(candidates[i])) continue;
            double v = Lookup(candidates[i], Optimizing);
            if (double.IsNaN(v)) continue;
            if (best < 0 || (Maximize ? v > bestValue : v < bestValue)) (best, bestValue) = (i, v);
        }
        return best;
    }

    /// <summary>The best feasible candidate, reading each one's scores with <paramref name="scores"/>; default when none is feasible.</summary>
    public T? Best<T>(IEnumerable<T> candidates, Func<T, IReadOnlyDictionary<string, double>> scores)
    {
        var list = candidates.ToList();
        int i = BestIndex(list.ConvertAll(c => scores(c)));
        return i < 0 ? default : list[i];
    }

    /// <summary>The rule as written, e.g. <c>maximize accuracy subject to running_time_ms ≤ 100</c>.</summary>
    public override string ToString() =>
        $"{(Maximize ? "maximize" : "minimize")} {Optimizing}" +
        (Constraints.Count == 0 ? "" : " subject to " + string.Join(", ", Constraints));

    private static double Lookup(IReadOnlyDictionary<string, double> scores, string metric) =>
        scores.TryGetValue(metric, out double v)
            ? v
            : throw new ArgumentException($"Candidate has no score '{metric}' (it has: {string.Join(", ", scores.Keys)}).");
}
