namespace Dendrite.Data;

/// <summary>A mini-batch: inputs [n, …] and targets (float [n, …] or Int32 class labels [n]).</summary>
/// <param name="Inputs">The stacked inputs.</param>
/// <param name="Targets">The stacked targets.</param>
public readonly record struct Batch(Tensor Inputs, Tensor Targets)
{
    /// <summary>Number of examples in the batch.</summary>
    public int Count => Inputs.Shape[0];
}
