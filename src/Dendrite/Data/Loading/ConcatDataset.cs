namespace Dendrite.Data;

/// <summary>Datasets joined end to end: the examples of the first, then those of the second, …</summary>
/// <remarks>The parts' inputs must agree in dtype and in every axis but the first, and so must their targets.</remarks>
public sealed class ConcatDataset : IDataset
{
    private readonly IDataset[] _parts;
    private readonly int[] _starts;

    /// <summary>Joins <paramref name="parts"/> in order.</summary>
    public ConcatDataset(params IDataset[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("ConcatDataset needs at least one dataset.", nameof(parts));
        _parts = [.. parts];
        _starts = new int[parts.Length + 1];
        for (int p = 0; p < parts.Length; p++) _starts[p + 1] = checked(_starts[p] + parts[p].Count);
    }

    /// <summary>The joined datasets.</summary>
    public IReadOnlyList<IDataset> Parts => _parts;

    /// <inheritdoc/>
    public int Count => _starts[^1];

    /// <inheritdoc/>
    public Batch Get(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty) return _parts[0].Get(indices);
        // Fetch each part's share in one call, then put the rows back in the requested order.
        var local = new List<int>[_parts.Length];
        var part = new int[indices.Length];
        var slot = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"ConcatDataset: index {i} is outside [0, {Count}).");
            int p = Array.BinarySearch(_starts, i);
            p = p >= 0 ? Upper(p) : ~p - 1;
            (local[p] ??= []).Add(i - _starts[p]);
            part[k] = p;
            slot[k] = local[p].Count - 1;
        }
        var batches = new Batch?[_parts.Length];
        for (int p = 0; p < _parts.Length; p++)
            if (local[p] is not null) batches[p] = _parts[p].Get(local[p].ToArray());
        return new Batch(Gather(batches, part, slot, b => b.Inputs), Gather(batches, part, slot, b => b.Targets));
    }

    /// <summary>Row k of the result is row slot[k] of part part[k]'s tensor (plain copies, any dtype, no autograd).</summary>
    private static Tensor Gather(Batch?[] batches, int[] part, int[] slot, Func<Batch, Tensor> pick)
    {
        var tensors = Array.ConvertAll(batches, b => b is Batch batch ? pick(batch).Contiguous() : null);
        var first = tensors.First(t => t is not null)!;
        var dims = first.Shape.ToArray();
        dims[0] = part.Length;
        var y = Tensor.Empty(new Shape(dims), first.DType);
        int row = dims[0] == 0 ? 0 : y.Count / dims[0];
        foreach (var t in tensors)
        {
            if (t is null) continue;
            bool same = t.DType == first.DType && t.Rank == first.Rank;
            for (int d = 1; same && d < t.Rank; d++) same = t.Shape[d] == first.Shape[d];
            if (!same) throw new InvalidOperationException($"ConcatDataset: the parts disagree: {t.DType} {t.Shape} vs {first.DType} {first.Shape}.");
        }
        for (int k = 0; k < part.Length; k++)
        {
            var t = tensors[part[k]]!;
            Array.Copy(t.Storage, t.Offset + slot[k] * row, y.Storage, k * row, row);
        }
        return y;
    }

    /// <summary>The last part starting at _starts[p] (empty parts share a start with the next).</summary>
    private int Upper(int p)
    {
        while (p + 1 < _parts.Length && _starts[p + 1] == _starts[p]) p++;
        return p;
    }
}
