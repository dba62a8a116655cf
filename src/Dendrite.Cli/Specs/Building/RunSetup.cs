using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Training;
using Dendrite.Vision;

namespace Dendrite.Cli.Specs;

/// <summary>Everything a command needs to train, evaluate or predict, built from a <see cref="RunSpec"/> by <see cref="RunFactory"/>.</summary>
internal sealed record RunSetup
{
    /// <summary>The spec this setup was built from.</summary>
    public required RunSpec Spec { get; init; }

    /// <summary>The network (a <see cref="Sequential"/> of the spec's layers), initialized and with any initial parameters loaded.</summary>
    public required Module Model { get; init; }

    /// <summary>The update rule over the model's parameters.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>The cost J(predictions, targets).</summary>
    public required Func<Tensor, Tensor, Tensor> Loss { get; init; }

    /// <summary>Fresh metric instances (one set per trainer), suited to <see cref="OutputKind"/>.</summary>
    public required Func<IReadOnlyList<Metric>> CreateMetrics { get; init; }

    /// <summary>The weight penalty, if any.</summary>
    public Regularizer? Regularizer { get; init; }

    /// <summary>The learning-rate schedule, if any (α0 is the optimizer's learning rate).</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Whether the schedule counts optimizer steps rather than epochs.</summary>
    public bool SchedulePerStep { get; init; }

    /// <summary>The training examples (after the dev/test split and any standardization).</summary>
    public required IDataset Train { get; init; }

    /// <summary>The dev set, if the spec holds one out.</summary>
    public IDataset? Dev { get; init; }

    /// <summary>Held-out examples of the training distribution (data.train_dev), for the diagnosis.</summary>
    public IDataset? TrainDev { get; init; }

    /// <summary>Human-level error from the spec, the proxy for Bayes error.</summary>
    public double? HumanError { get; init; }

    /// <summary>The test set: the data set's own, or the held-out fraction.</summary>
    public IDataset? Test { get; init; }

    /// <summary>Examples per mini-batch ("all" resolved to the training set's size).</summary>
    public required int BatchSize { get; init; }

    /// <summary>Passes over the training set (iterations resolved to whole epochs).</summary>
    public required int Epochs { get; init; }

    /// <summary>Seed of the mini-batch shuffling.</summary>
    public required int Seed { get; init; }

    /// <summary>The element type of parameters and inputs.</summary>
    public required DType DType { get; init; }

    /// <summary>One example's input shape, e.g. [2] or [784].</summary>
    public required Shape InputShape { get; init; }

    /// <summary>Class names by label, when the data set has them.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The symbols of Int32 inputs, when the data set names them apart from the class names.</summary>
    public IReadOnlyList<string>? InputVocabulary { get; init; }

    /// <summary>The decoding of a detector's outputs (anchors, classes, image size); null for other runs.</summary>
    public YoloHead? DetectionHead { get; init; }

    /// <summary>How outputs become predictions.</summary>
    public required OutputKind OutputKind { get; init; }

    /// <summary>The logged value to watch for early stopping and the best model (e.g. dev_loss).</summary>
    public required string Monitor { get; init; }

    /// <summary>Print the cost every this many epochs.</summary>
    public required int LogEvery { get; init; }

    /// <summary>Batches per epoch of the training loader.</summary>
    public int BatchesPerEpoch => (Train.Count + BatchSize - 1) / BatchSize;

    /// <summary>The training loader: shuffled by <see cref="Seed"/> (or the course's numpy permutations), except for a full batch.</summary>
    public DataLoader CreateTrainLoader()
    {
        int count = Train.Count;
        if (BatchSize >= count || !Spec.Shuffle) return new DataLoader(Train, BatchSize, shuffle: false);
        if (Spec.ShuffleRng == "numpy")
            return new DataLoader(Train, BatchSize, seed: Seed, sampler: epoch => new NumpyRandom(unchecked((uint)(Seed + epoch + 1))).Permutation(count));
        return new DataLoader(Train, BatchSize, seed: Seed);
    }

    /// <summary>
    /// An evaluation loader over <paramref name="dataset"/>: in order, in batches of at least 1000 — or of the training
    /// batch size for sequence models, whose activations grow with every step.
    /// </summary>
    public DataLoader CreateEvalLoader(IDataset dataset) =>
        new(dataset, Math.Max(1, Math.Min(dataset.Count, OutputKind is OutputKind.SequenceLogits or OutputKind.PixelLogits ? BatchSize : Math.Max(BatchSize, 1000))), shuffle: false);
}
