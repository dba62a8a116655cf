using Dendrite.NN;
using Dendrite.Optim;

namespace Dendrite.Training;

/// <summary>What callbacks see of a running <see cref="Trainer.Fit"/>.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(Trainer trainer, int epochs, int batchesPerEpoch, int examples)
    {
        Trainer = trainer;
        Epochs = epochs;
        BatchesPerEpoch = batchesPerEpoch;
        Examples = examples;
    }

    /// <summary>The trainer running the loop.</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public Module Model => Trainer.Model;

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer => Trainer.Optimizer;

    /// <summary>The current epoch (0-based).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Total number of epochs requested.</summary>
    public int Epochs { get; }

    /// <summary>Mini-batches per epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Training examples m.</summary>
    public int Examples { get; }

    /// <summary>The epochs logged so far in this run, including resumed history.</summary>
    public History History => Trainer.History;

    /// <summary>The callbacks of this <see cref="Trainer.Fit"/> call, in order.</summary>
    public IReadOnlyList<ICallback> Callbacks { get; internal init; } = [];

    /// <summary>Set by a callback to stop after the current epoch.</summary>
    public bool StopTraining { get; set; }
}
