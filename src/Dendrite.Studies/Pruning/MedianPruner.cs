namespace Dendrite.Studies;

/// <summary>
/// Median stopping: stop a trial whose best value so far is worse than the median of the completed trials' values at
/// the same step.
/// </summary>
/// <remarks>Golovin et al., "Google Vizier: A Service for Black-Box Optimization" (KDD 2017), §3.2.1. Rule, at step s
/// ≥ <see cref="WarmupSteps"/> once <see cref="StartupTrials"/> completed trials reached s: prune when
/// best(history[0..s]) is below median{ v_j(s) : j complete } (maximizing; above it when minimizing).</remarks>
/// <param name="startupTrials">Completed trials needed at a step before any trial is pruned there.</param>
/// <param name="warmupSteps">Steps every trial runs before it can be pruned.</param>
public sealed class MedianPruner(int startupTrials = 5, int warmupSteps = 1) : IPruner
{
    /// <summary>Completed trials needed at a step before pruning there.</summary>
    public int StartupTrials { get; } = startupTrials;

    /// <summary>Steps every trial runs before it can be pruned.</summary>
    public int WarmupSteps { get; } = warmupSteps;

    /// <inheritdoc />
    public bool ShouldPrune(int step, IReadOnlyList<double> history, IReadOnlyList<PeerValue> others, bool maximize)
    {
        if (step < WarmupSteps || history.Count == 0) return false;
        var completed = others.Where(o => o.State == TrialState.Complete && !double.IsNaN(o.Value)).Select(o => o.Value).Order().ToArray();
        if (completed.Length < StartupTrials) return false;
        int n = completed.Length;
        double median = n % 2 == 1 ? completed[n / 2] : (completed[n / 2 - 1] + completed[n / 2]) / 2;
        double best = maximize ? history.Max() : history.Min();
        if (double.IsNaN(best)) return true;
        return maximize ? best < median : best > median;
    }

    /// <summary>E.g. <c>MedianPruner(startup 5, warmup 1)</c>.</summary>
    public override string ToString() => $"MedianPruner(startup {StartupTrials}, warmup {WarmupSteps})";
}
