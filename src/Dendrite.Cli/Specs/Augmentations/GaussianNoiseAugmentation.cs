using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>gaussian_noise</c>: adds N(0, std²) to every pixel.</summary>
internal sealed class GaussianNoiseAugmentation : AugmentationKind
{
    public override string Name => "gaussian_noise";

    public override string Builds => "GaussianNoise(std)";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Positive("std", "standard deviation of the noise").AsRequired()];

    public override ITransform Build(SpecSettings s, Shape example) => new GaussianNoise(s.Double("std"));
}
