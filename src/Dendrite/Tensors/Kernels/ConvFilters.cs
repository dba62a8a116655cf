using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Filters packed for <see cref="ConvKernel256{T}.Correlate"/>: per group, blocks of 2w output channels, each
/// [depth, 2w] so one step of the tile reads two aligned vectors; channels past the group's count are zero.
/// </summary>
/// <remarks>The packing lives in memory the caller provides (the calling thread's <see cref="ConvScratch"/>) and is read by every worker of the call.</remarks>
internal sealed unsafe class ConvFilters<T> where T : unmanaged, INumber<T>
{
    private readonly T* _data;

    /// <summary>Packs <paramref name="w"/>, viewed as [groups·rows, depth], into <paramref name="data"/> (<see cref="Size"/> elements).</summary>
    public ConvFilters(ReadOnlySpan<T> w, int groups, int rows, int depth, T* data)
    {
        Rows = rows;
        Depth = depth;
        Width = 2 * ConvKernel256<T>.Lanes;
        Blocks = (rows + Width - 1) / Width;
        Columns = Blocks * Width;
        long count = Size(groups, rows, depth);
        _data = data;
        var packed = new Span<T>(_data, checked((int)count));
        if (rows % Width != 0) packed.Clear();
        for (int grp = 0; grp < groups; grp++)
            for (int o = 0; o < rows; o++)
            {
                ReadOnlySpan<T> filter = w.Slice((grp * rows + o) * depth, depth);
                int at = (grp * Blocks + o / Width) * depth * Width + o % Width;
                for (int p = 0; p < depth; p++) packed[at + p * Width] = filter[p];
            }
    }

    /// <summary>Elements the packing of [groups·rows, depth] filters takes.</summary>
    public static long Size(int groups, int rows, int depth)
    {
        int width = 2 * ConvKernel256<T>.Lanes;
        return (long)groups * ((rows + width - 1) / width) * depth * width;
    }

    /// <summary>Output channels per group.</summary>
    public int Rows { get; }

    /// <summary>Taps per filter.</summary>
    public int Depth { get; }

    /// <summary>Channels per block, 2w.</summary>
    public int Width { get; }

    /// <summary>Blocks per group.</summary>
    public int Blocks { get; }

    /// <summary>Rows padded to whole blocks: the row stride of channels-last tiles.</summary>
    public int Columns { get; }

    /// <summary>The packed blocks of group <paramref name="grp"/>.</summary>
    public T* Group(int grp) => _data + (nint)grp * Blocks * Depth * Width;
}
