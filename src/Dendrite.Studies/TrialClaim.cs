namespace Dendrite.Studies;

/// <summary>A trial a worker has claimed: its row, its number in the study, and the configuration it runs.</summary>
/// <param name="TrialId"><c>trials.trial_id</c>.</param>
/// <param name="Number"><c>trials.number</c>.</param>
/// <param name="Config">The configuration index k: the trial samples its values from a generator seeded by (study seed, k).</param>
/// <param name="RetryOf">The failed trial it repeats, or null.</param>
internal sealed record TrialClaim(int TrialId, int Number, int Config, int? RetryOf);
