using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Gathering rows of a matrix by index and the scatter-add that is its gradient (embedding lookups).</summary>
internal static class Rows
{
    /// <summary>y[k, :] = table[indices[k], :] for rows of <paramref name="width"/> values; zeros where the index is <paramref name="zero"/> (−1: none).</summary>
    public static void Gather<T>(ReadOnlySpan<T> table, int width, ReadOnlySpan<int> indices, Span<T> y, int zero = -1) where T : unmanaged
    {
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] == zero) y.Slice(k * width, width).Clear();
            else table.Slice(indices[k] * width, width).CopyTo(y.Slice(k * width, width));
        }
    }

    /// <summary>dTable[indices[k], :] += g[k, :] for every k whose index is not <paramref name="skip"/> (−1: none); repeated indices accumulate in order.</summary>
    public static void ScatterAdd<T>(ReadOnlySpan<T> g, int width, ReadOnlySpan<int> indices, Span<T> dTable, int skip = -1)
        where T : unmanaged, INumberBase<T>
    {
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] == skip) continue;
            var from = g.Slice(k * width, width);
            var to = dTable.Slice(indices[k] * width, width);
            for (int j = 0; j < width; j++) to[j] += from[j];
        }
    }
}
