using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>horizontal_flip</c>: mirrors each image left to right with probability p.</summary>
internal sealed class HorizontalFlipAugmentation : AugmentationKind
{
    public override string Name => "horizontal_flip";

    public override string Builds => "HorizontalFlip(p)";

    public override IReadOnlyList<SpecField> Fields { get; } =
        [SpecField.Number("p", "probability of a flip", 0.5, "a number in [0, 1]", d => d is >= 0 and <= 1)];

    public override ITransform Build(SpecSettings s, Shape example) => new HorizontalFlip(s.Double("p"));
}
