namespace Dendrite.Studies;

/// <summary>The leaderboard order of a study's trials.</summary>
public static class StudyRanking
{
    /// <summary>
    /// The complete trials, best first: those meeting every satisficing constraint before those that do not, then the
    /// better value, then the lower number (so ties rank as a single process would have run them).
    /// </summary>
    public static IReadOnlyList<StoredTrial> Ranked(IEnumerable<StoredTrial> trials, bool maximize) =>
        [.. trials.Where(t => t.State == TrialState.Complete && t.Value is double v && !double.IsNaN(v))
            .OrderBy(t => t.Unsatisfied is null ? 0 : 1)
            .ThenBy(t => maximize ? -t.Value!.Value : t.Value!.Value)
            .ThenBy(t => t.Config)
            .ThenBy(t => t.Number)];
}
