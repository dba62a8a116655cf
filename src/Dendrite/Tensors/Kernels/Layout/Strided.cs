using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Copies between strided layouts and contiguous row-major spans.</summary>
internal static class Strided
{
    /// <summary>
    /// Gathers the elements of a strided view (element at index vector i sits at offset + Σ iₐ·strideₐ;
    /// a stride of 0 repeats, which is how broadcasting is materialized) into contiguous row-major dst.
    /// </summary>
    public static void Gather<T>(ReadOnlySpan<T> src, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dst)
    {
        int rank = shape.Length;
        if (dst.Length == 0) return;
        if (rank == 0) { dst[0] = src[offset]; return; }
        int inner = shape[rank - 1], innerStride = strides[rank - 1];
        Span<int> index = stackalloc int[rank];
        int pos = offset, d = 0;
        while (true)
        {
            if (innerStride == 1) src.Slice(pos, inner).CopyTo(dst.Slice(d, inner));
            else for (int i = 0, p = pos; i < inner; i++, p += innerStride) dst[d + i] = src[p];
            d += inner;
            if (!NextRow(index, shape, strides, ref pos)) return;
        }
    }

    /// <summary>
    /// Adds contiguous row-major src into a strided destination (the adjoint of <see cref="Gather"/>):
    /// dst[offset + Σ iₐ·strideₐ] += src[i]. Stride-0 axes accumulate, which un-broadcasts a gradient.
    /// </summary>
    public static void ScatterAdd<T>(ReadOnlySpan<T> src, Span<T> dst, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = shape.Length;
        if (src.Length == 0) return;
        if (rank == 0) { dst[offset] += src[0]; return; }
        int inner = shape[rank - 1], innerStride = strides[rank - 1];
        Span<int> index = stackalloc int[rank];
        int pos = offset, s = 0;
        while (true)
        {
            if (innerStride == 1) Elementwise.Add(dst.Slice(pos, inner), src.Slice(s, inner), dst.Slice(pos, inner));
            else if (innerStride == 0) dst[pos] += Reductions.Sum(src.Slice(s, inner));
            else for (int i = 0, p = pos; i < inner; i++, p += innerStride) dst[p] += src[s + i];
            s += inner;
            if (!NextRow(index, shape, strides, ref pos)) return;
        }
    }

    /// <summary>
    /// Advances an index over every axis but the last, odometer style, keeping <paramref name="pos"/> at the
    /// start of the current innermost row; false once every row has been visited.
    /// </summary>
    private static bool NextRow(Span<int> index, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ref int pos)
    {
        for (int axis = shape.Length - 2; axis >= 0; axis--)
        {
            index[axis]++;
            pos += strides[axis];
            if (index[axis] < shape[axis]) return true;
            pos -= strides[axis] * shape[axis];
            index[axis] = 0;
        }
        return false;
    }
}
