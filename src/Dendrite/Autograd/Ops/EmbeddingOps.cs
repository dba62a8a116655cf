using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// Embedding lookup: y[…, :] = W[indices[…], :]; the gradient is scattered into the rows used. The padding index looks
/// up zeros and gets no gradient, so the derivative is exact whatever that row holds.
/// </summary>
internal static class EmbeddingOps
{
    /// <summary>Rows of <paramref name="weight"/> [V, D] for Int32 <paramref name="indices"/> of any shape → [indices…, D].</summary>
    /// <param name="weight">The table.</param>
    /// <param name="indices">Row numbers in [0, V).</param>
    /// <param name="paddingIndex">A row that looks up zeros and receives no gradient (−1: none).</param>
    public static Tensor Lookup(Tensor weight, Tensor indices, int paddingIndex = -1)
    {
        if (weight.Rank != 2) throw new ArgumentException($"Embedding needs a weight [V, D] but got {weight.Shape}.");
        if (indices.DType != DType.Int32) throw new ArgumentException($"Embedding needs Int32 indices but got {indices.DType} {indices.Shape}.");
        int vocabulary = weight.Shape[0], width = weight.Shape[1];
        var ids = indices.Contiguous();
        foreach (int i in ids.Span<int>())
            if ((uint)i >= (uint)vocabulary)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Embedding index {i} is outside [0, {vocabulary}) for a weight {weight.Shape}.");
        var table = weight.Contiguous();
        var y = Tensor.Empty([.. indices.Shape.ToArray(), width], weight.DType);
        if (weight.IsFloat64) Rows.Gather(table.Span<double>(), width, ids.Span<int>(), y.Span<double>(), paddingIndex);
        else Rows.Gather(table.Span<float>(), width, ids.Span<int>(), y.Span<float>(), paddingIndex);
        return Graph.Record(y, "Embedding", [table], g => [weight.IsFloat64 ? Backward<double>(table, g, ids, width, paddingIndex)
                                                                          : Backward<float>(table, g, ids, width, paddingIndex)]);
    }

    private static Tensor Backward<T>(Tensor table, Tensor g, Tensor ids, int width, int paddingIndex) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dw = Tensor.ZerosLike(table);
        Rows.ScatterAdd(g.Contiguous().Span<T>(), width, ids.Span<int>(), dw.Span<T>(), paddingIndex);
        return dw;
    }
}
