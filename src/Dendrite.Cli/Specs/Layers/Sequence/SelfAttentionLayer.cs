using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>self_attention</c>: multi-head self-attention over a sequence [N, T, d] (queries, keys and values all the input),
/// optionally causal so that step t sees only steps ≤ t (a language model).
/// </summary>
internal sealed class SelfAttentionLayer : LayerKind
{
    public override string Name => "self_attention";

    public override string Builds => "MultiHeadAttention(d, heads)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("heads", "h, attention heads (d must be a multiple)", minimum: 1).AsRequired(),
        SpecField.Fraction("dropout", "dropout on the attention weights, in training", 0),
        SpecField.Bool("causal", "mask later steps (decoder-style)", false),
    ];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        int features = c.StepFeatures(Name), heads = s.Int("heads");
        if (features % heads != 0) throw new CliException($"{c.Path}.heads: {heads} heads do not divide the {features} features of each step");
        var attention = new MultiHeadAttention(features, heads, s.Double("dropout"), batchFirst: true, random: c.Random, dtype: c.DType);
        return s.Bool("causal") ? new CausalSelfAttention(attention) : attention;
    }
}
