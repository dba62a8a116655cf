namespace Dendrite.Studies;

/// <summary>A trial's state, spelled as in Optuna's <c>trials.state</c> column.</summary>
public enum TrialState
{
    /// <summary>Claimed by a worker, training.</summary>
    Running,

    /// <summary>Finished with a final value.</summary>
    Complete,

    /// <summary>Stopped early by a pruner; its value is the last intermediate value.</summary>
    Pruned,

    /// <summary>Threw, diverged (NaN), or its worker stopped sending heartbeats.</summary>
    Fail,

    /// <summary>Queued (a failed trial's configuration, re-queued once), waiting for a worker.</summary>
    Waiting,
}
