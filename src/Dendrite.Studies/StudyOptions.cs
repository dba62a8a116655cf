namespace Dendrite.Studies;

/// <summary>How a worker runs its share of a study's search.</summary>
/// <param name="Seed">The search seed: configuration k draws its values from (Seed, k), exactly as <c>RandomSearch</c> does.</param>
/// <param name="TrialsPerRound">Configurations per coarse-to-fine round.</param>
/// <param name="Rounds">Rounds; round r samples the space narrowed around the best trials of rounds before it.</param>
/// <param name="KeepBest">How many of the best trials define the next round's region.</param>
/// <param name="Margin">Padding around that region, as a fraction of the current width.</param>
/// <param name="Pruner">Stops bad trials early, or null.</param>
/// <param name="Heartbeat">How often a running trial updates its heartbeat.</param>
/// <param name="Grace">How old a heartbeat may get before its trial counts as dead (failed, re-queued once).</param>
public sealed record StudyOptions(int Seed, int TrialsPerRound, int Rounds = 1, int KeepBest = 3, double Margin = 0.1,
    IPruner? Pruner = null, TimeSpan? Heartbeat = null, TimeSpan? Grace = null)
{
    /// <summary>Configurations in the whole search.</summary>
    public int Budget => TrialsPerRound * Rounds;

    /// <summary>The heartbeat interval (default 5 s).</summary>
    public TimeSpan HeartbeatInterval => Heartbeat ?? TimeSpan.FromSeconds(5);

    /// <summary>The grace period (default 60 s).</summary>
    public TimeSpan GracePeriod => Grace ?? TimeSpan.FromSeconds(60);
}
