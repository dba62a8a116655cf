using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Filters packed for <see cref="ConvKernel256{T}.Correlate"/> or <see cref="ConvKernel512{T}.Correlate"/>: per group,
/// blocks of 2w output channels (w the tile's vector lanes), each [depth, 2w] so one step of the tile reads two aligned
/// vectors; channels past the group's count are zero. Groups of at most w channels (LeNet's 6, a 16-channel layer on
/// AVX-512) are packed one vector wide, for the tiles' <c>CorrelateNarrow</c>.
/// </summary>
/// <remarks>
/// A view of memory the caller provides (the calling thread's <see cref="ConvScratch"/>), which every worker of the call
/// reads; the struct itself is only sizes and a pointer, so making one allocates nothing.
/// </remarks>
internal readonly unsafe struct ConvFilters<T> where T : unmanaged, INumber<T>
{
    private readonly T* _data;

    /// <summary>
    /// The packing of [groups·rows, depth] filters in <paramref name="data"/> (<see cref="Size"/> elements) for tiles of
    /// <paramref name="lanes"/>-wide vectors; packs nothing.
    /// </summary>
    public ConvFilters(int groups, int rows, int depth, T* data, int lanes)
    {
        Groups = groups;
        Rows = rows;
        Depth = depth;
        Width = WidthFor(rows, lanes);
        Blocks = (rows + Width - 1) / Width;
        Columns = Blocks * Width;
        _data = data;
    }

    /// <summary>Packs <paramref name="w"/>, viewed as [groups·rows, depth], into <paramref name="data"/> (<see cref="Size"/> elements).</summary>
    public static ConvFilters<T> Pack(ReadOnlySpan<T> w, int groups, int rows, int depth, T* data, int lanes)
    {
        var filters = new ConvFilters<T>(groups, rows, depth, data, lanes);
        filters.ClearPadding();
        for (int grp = 0; grp < groups; grp++)
            for (int o = 0; o < rows; o++)
            {
                ReadOnlySpan<T> filter = w.Slice((grp * rows + o) * depth, depth);
                T* at = filters.Element(grp, o, 0);
                for (int p = 0; p < depth; p++) at[p * filters.Width] = filter[p];
            }
        return filters;
    }

    /// <summary>Elements the packing of [groups·rows, depth] filters takes.</summary>
    public static long Size(int groups, int rows, int depth, int lanes)
    {
        int width = WidthFor(rows, lanes);
        return (long)groups * ((rows + width - 1) / width) * depth * width;
    }

    /// <summary>Channels per block: one vector (w = <paramref name="lanes"/>) for at most w rows, else two (2w).</summary>
    private static int WidthFor(int rows, int lanes) => rows <= lanes ? lanes : 2 * lanes;

    /// <summary>Groups of filters.</summary>
    public int Groups { get; }

    /// <summary>Output channels per group.</summary>
    public int Rows { get; }

    /// <summary>Taps per filter.</summary>
    public int Depth { get; }

    /// <summary>Channels per block, w or 2w.</summary>
    public int Width { get; }

    /// <summary>Blocks per group.</summary>
    public int Blocks { get; }

    /// <summary>Rows padded to whole blocks: the row stride of channels-last tiles.</summary>
    public int Columns { get; }

    /// <summary>The packed blocks of group <paramref name="grp"/>.</summary>
    public T* Group(int grp) => _data + (nint)grp * Blocks * Depth * Width;

    /// <summary>Where tap <paramref name="p"/> of filter <paramref name="row"/> of group <paramref name="grp"/> lies; the next tap is <see cref="Width"/> further.</summary>
    public T* Element(int grp, int row, int p) => Group(grp) + ((nint)(row / Width) * Depth + p) * Width + row % Width;

    /// <summary>Zeros the whole packing when the last block of a group has channels past <see cref="Rows"/> (the packing then fills the rest).</summary>
    public void ClearPadding()
    {
        if (Rows % Width != 0) new Span<T>(_data, checked((int)((long)Groups * Blocks * Depth * Width))).Clear();
    }
}
