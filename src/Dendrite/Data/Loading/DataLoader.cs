namespace Dendrite.Data;

/// <summary>
/// Partitions a dataset into mini-batches, shuffled with a seeded generator. Batch size 1 is stochastic
/// gradient descent; batch size m is full-batch gradient descent; the last batch may be smaller.
/// </summary>
/// <remarks>The order of epoch e is a pure function of (seed, e), so a resumed run sees the same batches.</remarks>
public sealed class DataLoader
{
    /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The examples.</param>
    /// <param name="batchSize">Examples per mini-batch (the course's 64, 128, …).</param>
    /// <param name="shuffle">Whether each epoch visits the examples in a new random order.</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <param name="dropLast">Skip a final batch smaller than <paramref name="batchSize"/>.</param>
    /// <param name="sampler">The visiting order of each epoch, replacing the seeded shuffle (PyTorch's sampler), e.g.
    /// the course's <c>epoch => new NumpyRandom(11 + epoch).Permutation(m)</c>.</param>
    public DataLoader(IDataset dataset, int batchSize, bool shuffle = true, int seed = 0, bool dropLast = false, Func<int, int[]>? sampler = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be at least 1 but is {batchSize}.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        _sampler = sampler;
    }

    private readonly Func<int, int[]>? _sampler;

    /// <summary>The examples.</summary>
    public IDataset Dataset { get; }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether epochs are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffling.</summary>
    public int Seed { get; }

    /// <summary>Whether a short final batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The visiting order of epoch <paramref name="epoch"/>: the sampler's, a seeded Fisher–Yates shuffle, or 0…m−1.</summary>
    public int[] Order(int epoch)
    {
        if (_sampler is not null)
        {
            var sampled = _sampler(epoch);
            if (sampled.Length != Dataset.Count || sampled.Any(i => (uint)i >= (uint)Dataset.Count))
                throw new InvalidOperationException($"The sampler's order for epoch {epoch} must hold {Dataset.Count} indices in [0, {Dataset.Count}).");
            return sampled;
        }
        var order = new int[Dataset.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (Shuffle) new Random(unchecked(Seed * 7919 + epoch * 104_729) & int.MaxValue).Shuffle(order); // not HashCode: it is salted per process
        return order;
    }

    /// <summary>The mini-batches of epoch <paramref name="epoch"/>, in order.</summary>
    public IEnumerable<Batch> Batches(int epoch = 0)
    {
        var order = Order(epoch);
        for (int b = 0; b < BatchCount; b++)
        {
            int start = b * BatchSize, count = Math.Min(BatchSize, order.Length - start);
            yield return Dataset.Get(order.AsSpan(start, count));
        }
    }
}
