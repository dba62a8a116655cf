namespace Dendrite.Data;

/// <summary>A dataset held in two tensors whose first axis indexes the examples.</summary>
public sealed class TensorDataset : IDataset
{
    /// <summary>Wraps inputs [m, …] and targets [m, …] (or Int32 labels [m]).</summary>
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        if (inputs.Rank == 0 || targets.Rank == 0 || inputs.Shape[0] != targets.Shape[0])
            throw new ArgumentException($"TensorDataset: inputs {inputs.Shape} and targets {targets.Shape} must have the same number of examples (first axis).");
        Inputs = inputs.Contiguous();
        Targets = targets.Contiguous();
    }

    /// <summary>All inputs.</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets.</summary>
    public Tensor Targets { get; }

    /// <inheritdoc/>
    public int Count => Inputs.Shape[0];

    /// <inheritdoc/>
    public Batch Get(ReadOnlySpan<int> indices) => new(Inputs.SelectRows(indices), Targets.SelectRows(indices));
}
