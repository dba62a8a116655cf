using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>layernorm</c>: layer normalization over the last axis, y = γ·(x − μ)/√(σ² + ε) + β per position.</summary>
internal sealed class LayerNormLayer : LayerKind
{
    public override string Name => "layernorm";

    public override string Builds => "LayerNorm(features)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Positive("epsilon", "ε added to the variance", 1e-5),
        SpecField.Bool("affine", "learn γ and β", true),
    ];

    public override Module Build(SpecSettings s, LayerContext c) => new LayerNorm(c.LastAxis(Name), s.Double("epsilon"), s.Bool("affine"), c.DType);
}
