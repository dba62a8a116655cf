using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>dropout</c>: inverted dropout, zeroing each activation with probability p and scaling the rest by 1/(1 − p).</summary>
internal sealed class DropoutLayer : LayerKind
{
    public override string Name => "dropout";

    public override string Builds => "Dropout(p, seed)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Fraction("p", "the drop probability", 0.5),
        SpecField.Number("keep_prob", "the course's keep probability 1 − p", expectation: "a number in (0, 1]", valid: d => d is > 0 and <= 1),
        SpecField.Int("seed", "the seed of the masks").DefaultsTo("init_seed + the layer's index"),
    ];

    protected override void Check(SpecNode node, SpecSettings settings)
    {
        if (settings.Has("p") && settings.Has("keep_prob")) throw node.Field("keep_prob").Error("give either p or keep_prob, not both");
    }

    public override Module Build(SpecSettings s, LayerContext c) =>
        new Dropout(s.DoubleOrNull("keep_prob") is double keep ? 1 - keep : s.Double("p"), s.IntOrNull("seed") ?? unchecked(c.InitSeed + c.Index));
}
