using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Gathering rows by index (mini-batch selection, embedding lookup) and its scatter-add backward.</summary>
internal static class IndexOps
{
    /// <summary>y[i] = x[indices[i]] along the first axis: [m, …] → [indices.Length, …].</summary>
    public static Tensor SelectRows(Tensor x, ReadOnlySpan<int> indices)
    {
        if (x.Rank == 0) throw new ArgumentException("SelectRows needs a tensor with at least one axis.");
        var src = x.Contiguous();
        int m = x.Shape[0], row = m == 0 ? 0 : x.Count / m;
        var dims = x.Shape.ToArray();
        dims[0] = indices.Length;
        var y = Tensor.Empty(new Shape(dims), x.DType);
        var index = indices.ToArray();
        foreach (int i in index)
            if ((uint)i >= (uint)m) throw new ArgumentOutOfRangeException(nameof(indices), $"Row index {i} is outside [0, {m}) for shape {x.Shape}.");
        var from = src.Storage;
        for (int k = 0; k < index.Length; k++)
            Array.Copy(from, src.Offset + index[k] * row, y.Storage, k * row, row);
        if (!x.DType.IsFloatingPoint()) return y;
        return Graph.Record(y, "SelectRows", [src], g =>
        {
            // ∂y[k]/∂x[i] = 1 where indices[k] = i; repeated indices accumulate, in order.
            var dx = Tensor.ZerosLike(src);
            if (dx.IsFloat64) Rows.ScatterAdd(g.Span<double>(), row, index, dx.Span<double>());
            else Rows.ScatterAdd(g.Span<float>(), row, index, dx.Span<float>());
            return [dx];
        });
    }
}
