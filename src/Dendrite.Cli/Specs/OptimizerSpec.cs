namespace Dendrite.Cli.Specs;

/// <summary>The update rule. Null hyperparameters take the rule's default; a field the rule does not use is an error.</summary>
/// <param name="Name">sgd, momentum, nesterov, rmsprop, adam, adamw or adagrad.</param>
internal sealed record OptimizerSpec(string Name = "adam")
{
    /// <summary>The optimizer names a spec may use.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw", "adagrad"];

    /// <summary>α (default: sgd/momentum/nesterov 0.01, adagrad 0.01, rmsprop/adam/adamw 0.001).</summary>
    public double? LearningRate { get; init; }

    /// <summary>sgd (PyTorch heavy ball, default 0), momentum (the course's β, default 0.9), nesterov (default 0.9).</summary>
    public double? Momentum { get; init; }

    /// <summary>rmsprop: the decay β of the squared-gradient average (default 0.9).</summary>
    public double? Beta { get; init; }

    /// <summary>adam, adamw: β1 (default 0.9).</summary>
    public double? Beta1 { get; init; }

    /// <summary>adam, adamw: β2 (default 0.999).</summary>
    public double? Beta2 { get; init; }

    /// <summary>rmsprop, adam, adamw (default 1e-8), adagrad (default 1e-10).</summary>
    public double? Epsilon { get; init; }

    /// <summary>adamw: the decoupled weight decay λ (default 0.01).</summary>
    public double? WeightDecay { get; init; }
}
