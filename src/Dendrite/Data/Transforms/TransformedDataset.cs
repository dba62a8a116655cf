namespace Dendrite.Data;

/// <summary>
/// A dataset whose batches' inputs pass through a random transform (data augmentation); the targets are unchanged.
/// Put it under a <see cref="DataLoader"/> to augment every mini-batch.
/// </summary>
/// <remarks>
/// The transform draws from one generator seeded once, so every call gets fresh random choices (a new augmentation
/// each epoch), and the same seed with the same sequence of calls gives the same batches. <see cref="Reset"/> rewinds
/// the stream, e.g. before replaying a run. Augment only the training set: dev and test should see the data as is.
/// </remarks>
public sealed class TransformedDataset : IDataset
{
    private Random _random;

    /// <summary>Wraps <paramref name="dataset"/> so its inputs pass through <paramref name="transform"/>.</summary>
    /// <param name="dataset">The examples; their inputs must suit the transform (images [N, C, H, W] for the image transforms).</param>
    /// <param name="transform">The augmentation, e.g. a <see cref="Compose"/>.</param>
    /// <param name="seed">Seed of the transform's random choices.</param>
    public TransformedDataset(IDataset dataset, ITransform transform, int seed = 0)
    {
        Dataset = dataset;
        Transform = transform;
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The underlying examples.</summary>
    public IDataset Dataset { get; }

    /// <summary>The augmentation applied to each batch's inputs.</summary>
    public ITransform Transform { get; }

    /// <summary>Seed of the random choices.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public int Count => Dataset.Count;

    /// <inheritdoc/>
    public Batch Get(ReadOnlySpan<int> indices)
    {
        var batch = Dataset.Get(indices);
        return batch with { Inputs = Transform.Apply(batch.Inputs, _random) };
    }

    /// <summary>Rewinds the random stream to its seeded start.</summary>
    public void Reset() => _random = new Random(Seed);
}
