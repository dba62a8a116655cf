using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>The correlation sweeps of <see cref="ConvDirect"/> (forward) and <see cref="ConvInputGradient{T}"/> (∂L/∂x):
/// register tiles over a range of a layout's output tiles, stored channels-last or, a chunk at a time, channels-first.</summary>
/// <remarks>dst[o, pos] = bias[o] + Σ_p f[o, p]·src[off[p] + source(pos)]; each output element is summed by one tile
/// in a fixed order, whichever sweep computes it.</remarks>
internal static unsafe class ConvCorrelate
{
    /// <summary>Channels-last elements (positions × channels) of one chunk of tiles that <see cref="ChannelsFirst"/> transposes at once.</summary>
    /// <remarks>4096 floats (16 KiB): the chunk is still in L1 when it is transposed, where a whole 32×32 × 32-channel
    /// plane (128 KiB) went out to L2 between the tiles and the transpose.</remarks>
    private const int ChunkElements = 4096;

    /// <summary>
    /// <see cref="Tiles"/> for tiles [t0, t1) stored channels-first, dst[o·plane + pos] for positions pos &lt; plane,
    /// a chunk of tiles (<see cref="ChunkElements"/>) at a time: each chunk goes channels-last to the start of
    /// <paramref name="output"/> and is transposed from there while it is in L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ChannelsFirst<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, T* dst,
        int plane, int t0, int t1, bool wide) where T : unmanaged, INumber<T>
    {
        if (wide && ConvTiles.PositionRuns && filters.Rows % 8 == 0 && Planes(src, off, filters, grp, bias, source, dst, plane, t0, t1))
            return;
        int positions = ConvTiles.Positions(wide), ldo = filters.Columns;
        int chunk = Math.Max(1, ChunkElements / (positions * ldo));
        for (int c0 = t0; c0 < t1; c0 += chunk)
        {
            int c1 = Math.Min(t1, c0 + chunk);
            // tile t is written (t − c0)·positions rows into output
            Tiles(src, off, filters, grp, bias, source, output - (nint)c0 * positions * ldo, c0, c1, wide);
            int first = c0 * positions, end = Math.Min(plane, c1 * positions);
            if (end > first) Transpose.Run(output, end - first, filters.Rows, ldo, dst + first, plane);
        }
    }

    /// <summary>
    /// <see cref="ChannelsFirst"/> for AVX-512 filters of a multiple of 8 rows, channels first in the
    /// registers (<see cref="ConvRunKernel512{T}.CorrelatePlanes"/>: runs of w positions in the lanes, eight channels at a
    /// time), stored straight into <paramref name="dst"/>. Returns false, having written nothing, unless the positions of
    /// tiles [t0, t1) split into runs of w consecutive elements of the copy (rows a multiple of w wide, stride 1).
    /// </summary>
    private static bool Planes<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* dst, int plane, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        int n = Vector512<T>.Count, positions = ConvKernel512<T>.Positions;
        int first = t0 * positions, end = Math.Min(plane, t1 * positions);
        if (end <= first || first % n != 0 || (end - first) % n != 0) return false;
        int runs = (end - first) / n;
        for (int r = 0; r < runs; r++)
            if (source[first + r * n + n - 1] - source[first + r * n] != n - 1) return false;
        T* packed = filters.Group(grp);
        bias += (nint)grp * filters.Columns;
        for (int c0 = 0; c0 < filters.Rows; c0 += 8)
            for (int r = 0; r < runs; r += 2)
            {
                // an odd last run is paired with itself: both halves store the same values
                int p0 = first + r * n, p1 = first + Math.Min(r + 1, runs - 1) * n;
                ConvRunKernel512<T>.CorrelatePlanes(filters.Depth, packed + (nint)(c0 / filters.Width) * filters.Depth * filters.Width + c0 % filters.Width,
                    filters.Width, off, src + source[p0], src + source[p1], bias + c0,
                    dst + (nint)c0 * plane + p0, dst + (nint)c0 * plane + p1, plane);
            }
        return true;
    }

    /// <summary>
    /// output[pos, o] = bias[o] + Σ_p f[o, p]·src[off[p] + source[pos]] for positions pos of tiles [t0, t1) (six each, or
    /// eight with <paramref name="wide"/> tiles) and the group's output channels (rows of <see cref="ConvFilters{T}.Columns"/>
    /// elements, channels last).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tiles<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, int t0, int t1,
        bool wide) where T : unmanaged, INumber<T>
    {
        if (wide)
        {
            TilesWide(src, off, filters, grp, bias, source, output, t0, t1);
            return;
        }
        const int positions = ConvKernel256<T>.Positions;
        int width = filters.Width, ldo = filters.Columns;
        T* packed = filters.Group(grp);
        if (width == ConvKernel256<T>.Lanes)
        {
            TilePairs(src, off, filters.Depth, packed, bias + (nint)grp * ldo, source, output, ldo, t0, t1);
            return;
        }
        T** x = stackalloc T*[positions];
        for (int t = t0; t < t1; t++)
        {
            for (int r = 0; r < positions; r++) x[r] = src + source[t * positions + r];
            for (int blk = 0; blk < filters.Blocks; blk++)
                ConvKernel256<T>.Correlate(filters.Depth, packed + (nint)blk * filters.Depth * width, off, x, bias + (nint)grp * ldo + blk * width,
                    output + (nint)t * positions * ldo + blk * width, ldo);
        }
    }

    /// <summary><see cref="Tiles"/> with the AVX-512 tiles: eight positions by one or two vectors of channels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TilesWide<T>(T* src, int* off, ConvFilters<T> filters, int grp, T* bias, int* source, T* output, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        const int positions = ConvKernel512<T>.Positions;
        int width = filters.Width, ldo = filters.Columns;
        T* packed = filters.Group(grp);
        bias += (nint)grp * ldo;
        bool narrow = width == ConvKernel512<T>.Lanes;
        T** x = stackalloc T*[positions];
        for (int t = t0; t < t1; t++)
        {
            if (narrow && ConvTiles.PositionRuns && t + 1 < t1 && IsRun(source + t * positions) && IsRun(source + (t + 1) * positions))
            {
                T* o1 = output + (nint)t * positions * ldo;
                ConvRunKernel512<T>.CorrelateNarrowRuns(filters.Depth, packed, off, src + source[t * positions], src + source[(t + 1) * positions],
                    bias, o1, o1 + positions * ldo, ldo);
                t++;
                continue;
            }
            for (int r = 0; r < positions; r++) x[r] = src + source[t * positions + r];
            T* o = output + (nint)t * positions * ldo;
            for (int blk = 0; blk < filters.Blocks; blk++)
            {
                T* f = packed + (nint)blk * filters.Depth * width;
                if (narrow) ConvKernel512<T>.CorrelateNarrow(filters.Depth, f, off, x, bias + blk * width, o + blk * width, ldo);
                else ConvKernel512<T>.Correlate(filters.Depth, f, off, x, bias + blk * width, o + blk * width, ldo);
            }
        }
    }

    /// <summary>Whether a tile's eight positions read consecutive elements (source[r] = source[0] + r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRun(int* source) => source[7] - source[0] == 7;

    /// <summary>
    /// <see cref="Tiles"/> for one vector of channels (<see cref="ConvKernel256{T}.CorrelateNarrow"/>), two tiles a
    /// call; an odd last tile is paired with itself and its copy written to a scratch tile.
    /// </summary>
    private static void TilePairs<T>(T* src, int* off, int depth, T* packed, T* bias, int* source, T* output, int ldo, int t0, int t1)
        where T : unmanaged, INumber<T>
    {
        const int positions = ConvKernel256<T>.Positions;
        T** x = stackalloc T*[2 * positions];
        T* spare = stackalloc T[positions * ldo];
        for (int t = t0; t < t1; t += 2)
        {
            int second = t + 1 < t1 ? t + 1 : t;
            for (int r = 0; r < positions; r++)
            {
                x[r] = src + source[t * positions + r];
                x[positions + r] = src + source[second * positions + r];
            }
            T* o2 = second != t ? output + (nint)second * positions * ldo : spare;
            ConvKernel256<T>.CorrelateNarrow(depth, packed, off, x, bias, output + (nint)t * positions * ldo, o2, ldo);
        }
    }
}
