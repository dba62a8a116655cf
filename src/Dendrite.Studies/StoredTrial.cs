namespace Dendrite.Studies;

/// <summary>One trial as the storage holds it.</summary>
/// <param name="Number">Its number in the study: 0, 1, 2, … in claim order, unique and gap-free.</param>
/// <param name="Config">Which sampled configuration it ran (a re-queued trial repeats its failed trial's configuration).</param>
/// <param name="State">Running, complete, pruned, failed or waiting.</param>
/// <param name="Value">The final value (complete), the last intermediate value (pruned), else null.</param>
/// <param name="Params">Each parameter's value as a user sees it (a double, an int, or the chosen option).</param>
/// <param name="Intermediate">The values reported per step (epoch).</param>
/// <param name="Unsatisfied">The satisficing constraints it fails, or null.</param>
/// <param name="Seed">The seed the trial trained with (derived from the study seed and <paramref name="Config"/>).</param>
/// <param name="RetryOf">The number of the failed trial this one repeats, or null.</param>
/// <param name="Start">When a worker claimed it.</param>
/// <param name="Complete">When it finished.</param>
public sealed record StoredTrial(int Number, int Config, TrialState State, double? Value, IReadOnlyDictionary<string, object> Params,
    IReadOnlyDictionary<int, double> Intermediate, string? Unsatisfied, int? Seed, int? RetryOf, DateTime? Start, DateTime? Complete);
