using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>Every augmentation a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class AugmentationKinds
{
    /// <summary>The table of augmentations.</summary>
    public static KindTable<AugmentationKind> Table { get; } = new("augmentation",
        [new HorizontalFlipAugmentation(), new RandomCropAugmentation(), new GaussianNoiseAugmentation()]);
}
