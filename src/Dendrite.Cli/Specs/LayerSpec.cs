namespace Dendrite.Cli.Specs;

/// <summary>
/// One layer of <see cref="ModelSpec.Layers"/>. Only the fields of its <see cref="Type"/> may be set; null means the
/// default (see docs/SPEC.md).
/// </summary>
/// <param name="Type">dense, relu, leaky_relu, sigmoid, tanh, softmax, dropout, batchnorm or normalization.</param>
internal sealed record LayerSpec(string Type)
{
    /// <summary>The layer types a spec may name.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["dense", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "dropout", "batchnorm", "normalization"];

    /// <summary>The weight initializers a dense layer may name.</summary>
    public static IReadOnlyList<string> Initializers { get; } = ["zeros", "small_random", "xavier", "glorot", "glorot_uniform", "he"];

    /// <summary>dense: number of output units n[l].</summary>
    public int? Units { get; init; }

    /// <summary>dense: whether to learn a bias (default true).</summary>
    public bool? Bias { get; init; }

    /// <summary>dense: the weight initializer (default xavier).</summary>
    public string? Init { get; init; }

    /// <summary>leaky_relu: the negative slope (default 0.01).</summary>
    public double? Slope { get; init; }

    /// <summary>dropout: the drop probability p (give p or keep_prob; default p 0.5).</summary>
    public double? P { get; init; }

    /// <summary>dropout: the course's keep probability 1 − p.</summary>
    public double? KeepProb { get; init; }

    /// <summary>dropout: the seed of the masks (default init_seed + the layer's index).</summary>
    public int? Seed { get; init; }

    /// <summary>batchnorm: running-average momentum (default 0.1).</summary>
    public double? Momentum { get; init; }

    /// <summary>batchnorm, normalization: ε added to the variance (defaults 1e-5 and 1e-8).</summary>
    public double? Epsilon { get; init; }
}
