namespace Dendrite.Training;

/// <summary>A finished trial and the dev-set metric its objective returned.</summary>
/// <param name="Trial">The sampled hyperparameters.</param>
/// <param name="Score">The objective's value (NaN, e.g. a diverged run, ranks last).</param>
/// <param name="Elapsed">Wall time of the objective; machine-dependent, so not part of the leaderboard.</param>
public sealed record TrialResult(Trial Trial, double Score, TimeSpan Elapsed);
