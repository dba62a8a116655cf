namespace Dendrite.Cli.Specs;

/// <summary>
/// A training run described by a spec file (JSON or YAML): model, data, loss, optimizer, schedule and loop settings.
/// Every field has a default (docs/SPEC.md); null means "inferred" where noted.
/// </summary>
internal sealed record RunSpec
{
    /// <summary>The loss names a spec may use.</summary>
    public static IReadOnlyList<string> Losses { get; } = ["bce", "bce_logits", "cross_entropy", "mse", "yolo"];

    /// <summary>The run's name (default: the spec file's name without extension).</summary>
    public string Name { get; init; } = "run";

    public ModelSpec Model { get; init; } = new();

    public DataSpec Data { get; init; } = new();

    /// <summary>bce, bce_logits, cross_entropy or mse; null infers it from the last layer and the targets.</summary>
    public string? Loss { get; init; }

    /// <summary>The update rule (an <see cref="OptimizerKind"/>'s settings; default adam).</summary>
    public SpecSettings Optimizer { get; init; } = OptimizerKinds.Default;

    /// <summary>The learning-rate schedule; null keeps α constant.</summary>
    public ScheduleSpec? Schedule { get; init; }

    public RegularizationSpec? Regularization { get; init; }

    /// <summary>Examples per mini-batch; null means the whole training set ("all" in the file). Default 32.</summary>
    public int? BatchSize { get; init; } = 32;

    /// <summary>Passes over the training set (default 10 when neither epochs nor iterations is given).</summary>
    public int? Epochs { get; init; }

    /// <summary>Optimizer steps, rounded up to whole epochs (with a full batch, equal to epochs).</summary>
    public int? Iterations { get; init; }

    /// <summary>Seed of the mini-batch shuffling (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Shuffle the training set each epoch (default true; a full batch is never shuffled).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>dotnet (default): the DataLoader's order; numpy: the course's <c>np.random.seed(seed + epoch + 1)</c> permutation.</summary>
    public string ShuffleRng { get; init; } = "dotnet";

    /// <summary>float32 (default) or float64.</summary>
    public string DType { get; init; } = "float32";

    /// <summary>A .npz (state-dict names or the course's W1, b1, …) or .safetensors file loaded after initialization.</summary>
    public string? InitialParameters { get; init; }

    /// <summary>Names for <c>Metrics.Create</c>; null means accuracy for classification, none for regression.</summary>
    public ValueList<string>? Metrics { get; init; }

    /// <summary>The logged value early stopping and best-model selection watch; null means dev_loss with a dev set, else loss.</summary>
    public string? Monitor { get; init; }

    /// <summary>Stop after this many epochs without improvement of <see cref="Monitor"/>; null disables early stopping.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Print the cost every N epochs; null means about ten lines per run.</summary>
    public int? LogEvery { get; init; }

    /// <summary>Human-level error (a fraction), the proxy for Bayes error in the run's diagnosis; none by default.</summary>
    public double? HumanError { get; init; }

    /// <summary>The single-number optimizing metric (a metric name or <c>loss</c>): monitored on dev, chosen by tune.</summary>
    public string? Optimize { get; init; }

    /// <summary>Satisficing constraints, e.g. <c>latency_ms ≤ 100</c>: epochs and trials that miss one are never the best.</summary>
    public ValueList<Training.Satisficing>? Satisfy { get; init; }

    /// <summary>A folder for TensorBoard event files (scalars, batch losses, weight and gradient histograms); none by default.</summary>
    public string? Tensorboard { get; init; }
}
