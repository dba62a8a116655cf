using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>dense</c>: a fully connected layer Z = A·Wᵀ + b on the last axis (so on every step of a sequence).</summary>
internal sealed class DenseLayer : LayerKind
{
    /// <summary>The weight initializers a dense layer may name.</summary>
    public static IReadOnlyList<string> Initializers { get; } = ["zeros", "small_random", "xavier", "glorot", "glorot_uniform", "he"];

    public override string Name => "dense";

    public override string Builds => "Dense(n_in, units)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("units", "number of output units n[l]", minimum: 1).AsRequired(),
        SpecField.Bool("bias", "whether to learn a bias", true),
        SpecField.Choice("init", "the weight initializer", Initializers, "xavier"),
    ];

    public override Module Build(SpecSettings s, LayerContext c) =>
        new Dense(c.LastAxis(Name), s.Int("units"), s.Bool("bias"), Initializer(s.String("init")), c.Random, c.DType);

    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c) =>
        [("units", "weight", [s.Int("units"), c.LastAxis(Name)]), ("units", "bias", [s.Int("units")])];

    /// <summary>The initializer named in a spec.</summary>
    public static Initializer Initializer(string name) => name switch
    {
        "zeros" => Init.Zeros,
        "small_random" => Init.SmallRandom,
        "glorot" => Init.Glorot,
        "glorot_uniform" => Init.GlorotUniform,
        "he" => Init.He,
        _ => Init.Xavier,
    };
}
