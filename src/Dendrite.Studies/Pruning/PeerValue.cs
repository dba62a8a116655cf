namespace Dendrite.Studies;

/// <summary>Another trial's intermediate value at some step, and that trial's state.</summary>
/// <param name="State">Complete, pruned, running, …</param>
/// <param name="Value">Its value at the step.</param>
public readonly record struct PeerValue(TrialState State, double Value);
