using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>One slab of columns [j0, j0+nc) of C: its packed B and the tasks that compute it.</summary>
/// <remarks>
/// The depth is cut into ⌈k/Kc⌉ equal blocks of kc ≤ Kc (784 → 2×392 rather than 512 + 272).
/// Packed B holds, for each kc-deep block starting at depth p0, ⌈nc/Nr⌉ panels of kc·Nr elements at
/// offset p0·ncPad, where ncPad is nc rounded up to Nr. The ⌈m/Mr⌉ row tiles are cut into rowChunks
/// near-equal runs and the panels into colChunks; task t is row run t / colChunks × column run
/// t mod colChunks. Equal runs matter: 1024 rows cut into 108-row chunks left one thread 540 rows and
/// the other 484, 5% of the time lost waiting.
/// </remarks>
internal readonly unsafe struct GemmSlab<T, TKernel> where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    private readonly GemmOperands<T> ops;
    private readonly int j0, nc, ncPad, panels, depthBlocks, depth;
    private readonly T* packedB;
    private readonly int threads, rowTiles, rowChunks, colChunks;

    /// <summary>Plans the slab of columns [j0, j0+nc) with its B packed into <paramref name="packedB"/>.</summary>
    public GemmSlab(in GemmOperands<T> ops, int j0, int nc, T* packedB, int threads)
    {
        this.ops = ops;
        this.j0 = j0;
        this.nc = nc;
        this.packedB = packedB;
        this.threads = threads;
        ncPad = GemmBlocking.RoundUp(nc, TKernel.Nr);
        panels = ncPad / TKernel.Nr;
        depthBlocks = GemmBlocking.CeilDiv(ops.K, TKernel.Kc);
        depth = GemmBlocking.CeilDiv(ops.K, depthBlocks);
        rowTiles = GemmBlocking.CeilDiv(ops.M, TKernel.Mr);
        (rowChunks, colChunks) = PlanTasks(rowTiles, panels, threads);
        Tasks = rowChunks * colChunks;
    }

    /// <summary>Number of independent compute tasks.</summary>
    public int Tasks { get; }

    /// <summary>Packs B and computes every task on the calling thread.</summary>
    public void RunSerial()
    {
        PackB(0, 1);
        for (int t = 0; t < Tasks; t++) Compute(t);
    }

    /// <summary>Packs B, then computes the tasks, each phase spread over <see cref="GemmWorkers"/>.</summary>
    public void RunParallel()
    {
        int parts = Math.Min(2 * threads, depthBlocks * panels);
        GemmSlabJob<T, TKernel> job = GemmSlabJob<T, TKernel>.For(this, parts);
        GemmWorkers.Run(job, parts, Tasks, threads);
        job.Clear();
    }

    /// <summary>Packs share <paramref name="part"/> of <paramref name="parts"/> of the (depth block, panel) pairs of B.</summary>
    /// <remarks>Consecutive panels of one depth block are packed by one call, so a wide row-major B can be read row by row.</remarks>
    public void PackB(int part, int parts)
    {
        int units = depthBlocks * panels, end = Split(units, parts, part + 1);
        for (int u = Split(units, parts, part); u < end;)
        {
            int first = u % panels, count = Math.Min(panels - first, end - u);
            int p0 = u / panels * depth, jr = first * TKernel.Nr;
            int kc = Math.Min(depth, ops.K - p0);
            T* dst = packedB + (nint)p0 * ncPad + (nint)jr * kc;
            GemmPacking.PackB(ops.TransB, ops.B, ops.Ldb, p0, kc, j0 + jr, Math.Min(count * TKernel.Nr, nc - jr), TKernel.Nr, dst);
            u += count;
        }
    }

    /// <summary>Computes task <paramref name="task"/>: its rows × columns of C over the whole depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(int task)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int rc = task / colChunks, cc = task % colChunks;
        int i0 = Split(rowTiles, rowChunks, rc) * mr, mc = Math.Min(Split(rowTiles, rowChunks, rc + 1) * mr, ops.M) - i0;
        int c0 = Split(panels, colChunks, cc) * nr, cols = Math.Min(Split(panels, colChunks, cc + 1) * nr, nc) - c0;
        T* tile = stackalloc T[mr * nr];
        GemmScratch scratch = GemmScratch.Rent<T>((long)GemmBlocking.RoundUp(mc, mr) * depth, out T* packedA);
        try
        {
            for (int p0 = 0; p0 < ops.K; p0 += depth)
            {
                int kc = Math.Min(depth, ops.K - p0);
                T beta = p0 == 0 ? ops.Beta : T.One;
                bool rows = ReadsARowsInPlace(cols);
                int full = rows ? mc / mr * mr : 0;
                if (!rows) GemmPacking.PackA(ops.TransA, ops.A, ops.Lda, i0, mc, p0, kc, mr, packedA);
                else if (full < mc) GemmPacking.PackA(false, ops.A, ops.Lda, i0 + full, mc - full, p0, kc, mr, packedA);
                for (int jr = c0; jr < c0 + cols; jr += nr)
                {
                    T* b = packedB + (nint)p0 * ncPad + (nint)jr * kc;
                    T* c = ops.C + i0 * ops.Ldc + j0 + jr;
                    int width = Math.Min(nr, nc - jr);
                    if (rows) SweepRows(kc, ops.A + i0 * ops.Lda + p0, b, c, full, width, beta, tile);
                    Sweep(kc, packedA, b, c + full * ops.Ldc, mc - full, width, beta, tile);
                }
            }
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>Runs the kernel down one column panel: mc rows in Mr-row tiles, each nr wide (or narrower at the edge).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sweep(int kc, T* a, T* b, T* c, int mc, int width, T beta, T* tile)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (int ir = 0; ir < mc; ir += mr, a += (nint)kc * mr, c += mr * ops.Ldc)
        {
            int height = Math.Min(mr, mc - ir);
            if (height == mr && width == nr)
            {
                TKernel.Run(kc, a, b, c, ops.Ldc, ops.Alpha, beta);
                continue;
            }
            if (beta != T.Zero) CopyTile(c, ops.Ldc, tile, nr, height, width);
            TKernel.Run(kc, a, b, tile, nr, ops.Alpha, beta);
            CopyTile(tile, nr, c, ops.Ldc, height, width);
        }
    }

    /// <summary>
    /// Whether a task sweeping <paramref name="cols"/> columns reads its full Mr-row tiles of a row-major A in place
    /// (<see cref="IGemmKernel{T}.RunRows"/>) instead of packing them; a partial last tile is packed either way.
    /// </summary>
    /// <remarks>
    /// Packing costs one pass over the A block per depth block and pays off over the column panels that reuse it;
    /// reading in place costs a little on every panel (Mr strided rows instead of one contiguous run). Measured in one
    /// process, variants interleaved: in place was 1–5% faster up to 32 panels (MLP shapes, 1000×256×784, 256³, 512³)
    /// and 0.5–2% slower from 49 (128×784×256, 1024³, 2048³). Both orders sum identically, so results do not change.
    /// </remarks>
    private bool ReadsARowsInPlace(int cols) => TKernel.ReadsRowsOfA && !ops.TransA && cols <= MaxPanelsInPlace * TKernel.Nr;

    /// <summary>Most column panels per task for which A is read in place (see <see cref="ReadsARowsInPlace"/>).</summary>
    private const int MaxPanelsInPlace = 32;

    /// <summary>Like <see cref="Sweep"/> for <paramref name="mc"/> (a multiple of Mr) rows of A read in place from row-major storage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SweepRows(int kc, T* a, T* b, T* c, int mc, int width, T beta, T* tile)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (int ir = 0; ir < mc; ir += mr, a += mr * ops.Lda, c += mr * ops.Ldc)
        {
            if (width == nr)
            {
                TKernel.RunRows(kc, a, ops.Lda, b, c, ops.Ldc, ops.Alpha, beta);
                continue;
            }
            if (beta != T.Zero) CopyTile(c, ops.Ldc, tile, nr, mr, width);
            TKernel.RunRows(kc, a, ops.Lda, b, tile, nr, ops.Alpha, beta);
            CopyTile(tile, nr, c, ops.Ldc, mr, width);
        }
    }

    /// <summary>dst[r·ldd + j] = src[r·lds + j] for r &lt; rows, j &lt; cols.</summary>
    private static void CopyTile(T* src, nint lds, T* dst, nint ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<T>(src + r * lds, cols).CopyTo(new Span<T>(dst + r * ldd, cols));
    }

    /// <summary>Start, in units, of part <paramref name="part"/> when <paramref name="units"/> are cut into <paramref name="parts"/> near-equal parts.</summary>
    private static int Split(int units, int parts, int part) => (int)((long)units * part / parts);

    /// <summary>Row and column chunk counts: Mc-row blocks when serial, otherwise a multiple of the thread count.</summary>
    private static (int RowChunks, int ColChunks) PlanTasks(int rowTiles, int panels, int threads)
    {
        int blocks = GemmBlocking.CeilDiv(rowTiles, TKernel.Mc / TKernel.Mr);
        if (threads == 1) return (blocks, 1);
        int rows = Math.Min(rowTiles, GemmBlocking.RoundUp(Math.Max(blocks, threads), threads));
        if (rows >= threads) return (rows, 1);
        return (rows, Math.Min(panels, GemmBlocking.CeilDiv(threads, rows)));
    }
}
