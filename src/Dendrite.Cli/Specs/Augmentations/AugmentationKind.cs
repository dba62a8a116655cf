using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>A random transform of training images a spec's <c>data.augment</c> list may name; dev and test images are never augmented.</summary>
internal abstract class AugmentationKind : SpecKind
{
    /// <summary>The transform for images of shape <paramref name="example"/> ([C, H, W]).</summary>
    public abstract ITransform Build(SpecSettings settings, Shape example);
}
