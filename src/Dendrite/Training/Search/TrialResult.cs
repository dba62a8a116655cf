namespace Dendrite.Training;

/// <summary>A finished trial and the dev-set metric its objective returned.</summary>
/// <param name="Trial">The sampled hyperparameters.</param>
/// <param name="Score">The objective's value (NaN, e.g. a diverged run, ranks last).</param>
/// <param name="Elapsed">Wall time of the objective; machine-dependent, so not part of the leaderboard.</param>
/// <param name="Unsatisfied">The satisficing constraints the trial fails, or null.</param>
public sealed record TrialResult(Trial Trial, double Score, TimeSpan Elapsed, string? Unsatisfied = null)
{
    /// <summary>Whether the trial meets every satisficing constraint.</summary>
    public bool Satisfies => Unsatisfied is null;
}
