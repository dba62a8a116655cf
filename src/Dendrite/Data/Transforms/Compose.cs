namespace Dendrite.Data;

/// <summary>Transforms applied one after another, all drawing from the same generator.</summary>
public sealed class Compose : ITransform
{
    private readonly ITransform[] _transforms;

    /// <summary>Chains <paramref name="transforms"/> in order.</summary>
    public Compose(params ITransform[] transforms) => _transforms = [.. transforms];

    /// <summary>The chained transforms, in order.</summary>
    public IReadOnlyList<ITransform> Transforms => _transforms;

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Random random)
    {
        foreach (var t in _transforms) images = t.Apply(images, random);
        return images;
    }

    /// <summary>The chain, e.g. <c>Compose(RandomCrop(28, padding 4), HorizontalFlip(p 0.5))</c>.</summary>
    public override string ToString() => $"Compose({string.Join(", ", _transforms.Select(t => t.ToString()))})";
}
