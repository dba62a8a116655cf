using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>The decisions <see cref="GemmSlab{T, TKernel}"/> takes from the shapes alone: which operands are read in place
/// rather than packed, and how C is cut into tasks.</summary>
/// <remarks>None of them changes the order in which an element of C is summed, so none changes the results.</remarks>
internal static class GemmSlabPlan<T, TKernel> where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    /// <summary>Most rows of C for which several threads read a row-major B in place rather than pack it: 512 when a
    /// packed kc×Nr panel would not fit L1 anyway (the AVX-512 kernel's 64 KB), 128 when it would (the AVX2 kernel's
    /// 32 KB), since read in place its rows fall into a few L1 sets and are refetched for every row tile.</summary>
    private static unsafe int MaxRowsReadingBInPlace => (long)TKernel.Kc * TKernel.Nr * sizeof(T) > GemmBlocking.L1Bytes ? 512 : 128;

    /// <summary>Whether the kernel reads the full Nr-wide panels of B straight from a row-major B (a partial last panel is
    /// packed by the task that needs it).</summary>
    /// <remarks>
    /// A packed panel pays off over the row tiles that reuse it; shared between threads it also costs the pack phase's
    /// barrier and a transfer of half the packed panels from the other core's cache. Measured in one process, variants
    /// interleaved, 2 threads, on Zen 4. AVX-512 kernel: in place was 25–40% faster for 128×784×256, 128×256×128 and
    /// 256×784×128, 5% at 384³, 4–7% at 512³ and 3% at 512×512×2048, level at 600³ and 5% slower at 1000³ and 1500³.
    /// AVX2 kernel: 5–10% faster at 128³, 128×256×128 and 128×128×256, level at 128×784×256, but 2–4% slower at
    /// 256×784×128, 7% at 512³ and 10% at 256³.
    /// </remarks>
    internal static bool ReadsBInPlace(in GemmOperands<T> ops, int threads) =>
        threads > 1 && !ops.TransB && ops.M <= MaxRowsReadingBInPlace && !PageAligned(ops.Ldb);

    /// <summary>Whether rows ld elements apart all fall in the same L1 set (a multiple of 4 KiB apart).</summary>
    /// <remarks>
    /// A 32 KiB 8-way L1 has 64 sets of 64-byte lines, so rows 4 KiB apart share one set: the Mr rows of A or the kc
    /// rows of a B panel read in place then evict each other on every step. Packing them instead made 1024³ and
    /// 256×512×2048 (A rows 4 and 8 KiB apart) 30–55% faster on one thread; B rows 4 KiB apart, 3–5%.
    /// </remarks>
    internal static unsafe bool PageAligned(nint ld) => ld * sizeof(T) % 4096 == 0;

    /// <summary>
    /// Whether a task of <paramref name="ops"/> sweeping <paramref name="cols"/> columns reads its full Mr-row tiles of a row-major A in place
    /// (row stride lda, depth stride 1) instead of packing them; a partial last tile is packed either way.
    /// </summary>
    /// <remarks>
    /// Packing costs one pass over the A block per depth block and pays off over the column panels that reuse it;
    /// reading in place costs a little on every panel (Mr strided rows instead of one contiguous run). Measured in one
    /// process, variants interleaved: in place was 1–5% faster up to 32 panels (MLP shapes, 1000×256×784, 256³, 512³)
    /// and 0.5–2% slower from 49 (128×784×256, 1024³, 2048³), with the AVX2 kernel. Never for rows a multiple of 4 KiB
    /// apart (<see cref="PageAligned"/>). Both orders sum identically, so results do not change.
    /// </remarks>
    internal static bool ReadsARowsInPlace(in GemmOperands<T> ops, int cols) => !ops.TransA && !PageAligned(ops.Lda) && cols <= MaxPanelsInPlace * TKernel.Nr;

    /// <summary>Most column panels per task for which A is read in place (see <see cref="ReadsARowsInPlace"/>).</summary>
    private const int MaxPanelsInPlace = 32;

    /// <summary>Row and column chunk counts: Mc-row blocks when serial, otherwise a multiple of the thread count.</summary>
    /// <remarks>
    /// When C is one Mc block or less, each thread gets one task, cut along rows or columns (a column task's A is then
    /// still one block), whichever leaves the larger task smaller: with 12-row tiles, 128 rows were 11 tiles, so two row
    /// tasks of 6 and 5 wasted 8% where two column tasks of 13 and 12 of 25 panels wasted 4% (128×784×256 ran 10%
    /// faster). On a tie, columns when B is packed: each column task packs its own half of B, with no pack phase and
    /// barrier (128×128×256 with B transposed, 16 row tiles of 8 and 4 panels: 3–6% slower by rows).
    /// </remarks>
    internal static (int RowChunks, int ColChunks) Tasks(int rowTiles, int panels, int threads, bool readsB)
    {
        int blocks = GemmBlocking.CeilDiv(rowTiles, TKernel.Mc / TKernel.Mr);
        if (threads == 1) return (blocks, 1);
        int rows = Math.Min(rowTiles, GemmBlocking.RoundUp(Math.Max(blocks, threads), threads));
        if (rows < threads) return (rows, Math.Min(panels, GemmBlocking.CeilDiv(threads, rows)));
        if (rows > threads || blocks > 1) return (rows, 1);
        long byRows = (long)GemmBlocking.CeilDiv(rowTiles, threads) * panels;
        long byColumns = (long)rowTiles * GemmBlocking.CeilDiv(panels, threads);
        return byColumns < byRows || (byColumns == byRows && !readsB) ? (1, Math.Min(panels, threads)) : (threads, 1);
    }
}
