namespace Dendrite.Training;

/// <summary>What one trial's objective returns: its score and, when it misses a satisficing constraint, which.</summary>
/// <param name="Score">The optimizing metric (NaN for a diverged run).</param>
/// <param name="Unsatisfied">The constraints the trial fails, e.g. <c>latency_ms ≤ 100</c>; null when it meets them all.</param>
public sealed record TrialOutcome(double Score, string? Unsatisfied = null);
