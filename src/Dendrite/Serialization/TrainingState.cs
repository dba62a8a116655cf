namespace Dendrite.Serialization;

/// <summary>The pieces of a training checkpoint: model and optimizer tensors, progress counters and free-form extras.</summary>
public sealed class TrainingState
{
    internal TrainingState(OrderedDictionary<string, Tensor> model, OrderedDictionary<string, Tensor> optimizer, long stepCount, int epoch,
        IReadOnlyDictionary<string, string> extra, LoadReport? modelReport)
    {
        Model = model;
        Optimizer = optimizer;
        StepCount = stepCount;
        Epoch = epoch;
        Extra = extra;
        ModelReport = modelReport;
    }

    /// <summary>The module's tensors by dotted name, without the <c>model.</c> prefix.</summary>
    public OrderedDictionary<string, Tensor> Model { get; }

    /// <summary>The optimizer's state tensors by the names it gave them, without the <c>optimizer.</c> prefix.</summary>
    public OrderedDictionary<string, Tensor> Optimizer { get; }

    /// <summary>The callbacks' tensors by name, without the <c>callback.</c> prefix (empty when none were saved).</summary>
    public OrderedDictionary<string, Tensor> Callbacks { get; internal init; } = [];

    /// <summary>Optimizer steps taken so far.</summary>
    public long StepCount { get; }

    /// <summary>Epochs completed so far.</summary>
    public int Epoch { get; }

    /// <summary>The caller's extra strings (learning-rate schedule position, run id, …).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; }

    /// <summary>What loading into the module did; null when the checkpoint was only read.</summary>
    public LoadReport? ModelReport { get; }

    internal TrainingState WithReport(LoadReport report) => new(Model, Optimizer, StepCount, Epoch, Extra, report) { Callbacks = Callbacks };
}
