using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>positional_encoding</c>: adds the sinusoidal position table to a sequence [N, T, d].</summary>
internal sealed class PositionalEncodingLayer : LayerKind
{
    public override string Name => "positional_encoding";

    public override string Builds => "PositionalEncoding(d, max_length)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("max_length", "the longest sequence the table covers", 5000, minimum: 1),
    ];

    public override Module Build(SpecSettings s, LayerContext c) =>
        new PositionalEncoding(c.StepFeatures(Name), s.Int("max_length"), batchFirst: true, dtype: c.DType);
}
