using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>random_crop</c>: pads each image with zeros and cuts a window of the original size at a random place (a random shift).</summary>
internal sealed class RandomCropAugmentation : AugmentationKind
{
    public override string Name => "random_crop";

    public override string Builds => "RandomCrop(H, padding)";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Int("padding", "zeros per side: the largest shift", 4, minimum: 0)];

    public override ITransform Build(SpecSettings s, Shape example) =>
        example[1] == example[2] ? new RandomCrop(example[1], s.Int("padding"))
            : throw new CliException($"data.augment: random_crop takes square images but one example has shape {example}");
}
