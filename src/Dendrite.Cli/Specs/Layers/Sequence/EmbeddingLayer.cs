using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>embedding</c>: token indices [N, T] → vectors [N, T, dim], a learned row per token.</summary>
internal sealed class EmbeddingLayer : LayerKind
{
    public override string Name => "embedding";

    public override string Builds => "Embedding(vocabulary, dim)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("dim", "the vector size", minimum: 1).AsRequired(),
        SpecField.Int("vocabulary", "the number of tokens", minimum: 1).DefaultsTo("the data's vocabulary"),
        SpecField.Int("padding_index", "a token that looks up zeros and learns nothing", minimum: 0),
        SpecField.Positive("max_norm", "looked-up rows are renormalized to at most this norm"),
    ];

    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c) =>
        (s.IntOrNull("vocabulary") ?? c.Vocabulary) is int vocabulary ? [("dim", "weight", [vocabulary, s.Int("dim")])] : [];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        if (!c.Indices) throw new CliException($"{c.Path}.type: embedding looks up token indices but the data are numbers of shape {c.Example}");
        int vocabulary = s.IntOrNull("vocabulary") ?? c.Vocabulary
            ?? throw new CliException($"{c.Path}.vocabulary: the data have no vocabulary; give the number of tokens");
        return new Embedding(vocabulary, s.Int("dim"), s.IntOrNull("padding_index"), s.DoubleOrNull("max_norm"), c.Random, c.DType);
    }
}
