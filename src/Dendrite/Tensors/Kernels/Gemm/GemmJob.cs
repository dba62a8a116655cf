namespace Dendrite.Tensors.Kernels;

/// <summary>Work that <see cref="GemmWorkers"/> spreads over threads: items 0, 1, … run in two phases.</summary>
/// <remarks>Every item of the first phase finishes before any item of the second phase starts.</remarks>
internal abstract class GemmJob
{
    /// <summary>Runs item <paramref name="item"/>; items are numbered across both phases.</summary>
    public abstract void Run(int item);

    /// <summary>How many items (the first ones: at most <paramref name="item"/>, and never fewer than for an earlier item) must be
    /// done before <paramref name="item"/> starts: by default the first phase for a second-phase item, else none.</summary>
    public virtual int Prerequisite(int item, int firstPhase) => item >= firstPhase ? firstPhase : 0;
}
