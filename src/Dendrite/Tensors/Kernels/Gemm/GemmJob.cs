namespace Dendrite.Tensors.Kernels;

/// <summary>Work that <see cref="GemmWorkers"/> spreads over threads: items 0, 1, … run in two phases.</summary>
/// <remarks>Every item of the first phase finishes before any item of the second phase starts.</remarks>
internal abstract class GemmJob
{
    /// <summary>Runs item <paramref name="item"/>; items are numbered across both phases.</summary>
    public abstract void Run(int item);
}
