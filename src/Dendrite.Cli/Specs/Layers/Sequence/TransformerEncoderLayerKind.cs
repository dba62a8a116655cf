using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>transformer_encoder</c>: one Transformer encoder block over [N, T, d] (self-attention and a ReLU feed-forward
/// network, each with a residual connection and layer norm; post-LN unless <c>norm_first</c>); with <c>causal</c>, the
/// block of a decoder-only language model.
/// </summary>
internal sealed class TransformerEncoderLayerKind : LayerKind
{
    public override string Name => "transformer_encoder";

    public override string Builds => "TransformerEncoderLayer(d, heads, feedforward)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("heads", "h, attention heads (d must be a multiple)", minimum: 1).AsRequired(),
        SpecField.Int("feedforward", "units of the feed-forward network's hidden layer", 2048, minimum: 1),
        SpecField.Fraction("dropout", "dropout in the block, in training", 0.1),
        SpecField.Bool("norm_first", "pre-LN: layer norm before each sub-block", false),
        SpecField.Bool("causal", "mask later steps (decoder-style)", false),
    ];

    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c) =>
        [("feedforward", "linear1.weight", [s.Int("feedforward"), c.StepFeatures(Name)]), ("feedforward", "linear2.weight", [c.StepFeatures(Name), s.Int("feedforward")])];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        int features = c.StepFeatures(Name), heads = s.Int("heads");
        if (features % heads != 0) throw new CliException($"{c.Path}.heads: {heads} heads do not divide the {features} features of each step");
        var block = new TransformerEncoderLayer(features, heads, s.Int("feedforward"), s.Double("dropout"), batchFirst: true,
            normFirst: s.Bool("norm_first"), random: c.Random, dtype: c.DType);
        return s.Bool("causal") ? new CausalSelfAttention(block) : block;
    }
}
