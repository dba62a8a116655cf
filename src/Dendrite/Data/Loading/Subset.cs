namespace Dendrite.Data;

/// <summary>A view of some examples of another dataset, chosen by index (a split, a fold, a small debugging set).</summary>
public sealed class Subset : IDataset
{
    private readonly int[] _indices;

    /// <summary>Selects the examples <paramref name="indices"/> of <paramref name="dataset"/>, in that order.</summary>
    /// <param name="dataset">The underlying examples.</param>
    /// <param name="indices">Indices into <paramref name="dataset"/>; each in [0, Count).</param>
    public Subset(IDataset dataset, ReadOnlySpan<int> indices)
    {
        foreach (int i in indices)
            if ((uint)i >= (uint)dataset.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Subset: index {i} is outside [0, {dataset.Count}) of the underlying dataset.");
        Dataset = dataset;
        _indices = indices.ToArray();
    }

    /// <summary>The underlying dataset.</summary>
    public IDataset Dataset { get; }

    /// <summary>The indices into <see cref="Dataset"/>: example k of this subset is example Indices[k] there.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <inheritdoc/>
    public int Count => _indices.Length;

    /// <inheritdoc/>
    public Batch Get(ReadOnlySpan<int> indices)
    {
        var mapped = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)_indices.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Subset: index {indices[k]} is outside [0, {_indices.Length}).");
            mapped[k] = _indices[indices[k]];
        }
        return Dataset.Get(mapped);
    }

    /// <summary>The subset's examples gathered into one tensor dataset.</summary>
    public TensorDataset Materialize()
    {
        var all = new int[_indices.Length];
        for (int i = 0; i < all.Length; i++) all[i] = i;
        var batch = Get(all);
        return new TensorDataset(batch.Inputs, batch.Targets);
    }
}
