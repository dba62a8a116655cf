using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>One slab of columns [j0, j0+nc) of C: its packed B and the tasks that compute it.</summary>
/// <remarks>
/// The depth is cut into ⌈k/Kc⌉ equal blocks of kc ≤ Kc (784 → 2×392 rather than 512 + 272).
/// Packed B holds, for each kc-deep block starting at depth p0, ⌈nc/Nr⌉ panels of kc·Nr elements at
/// offset p0·ncPad, where ncPad is nc rounded up to Nr. The ⌈m/Mr⌉ row tiles are cut into rowChunks
/// near-equal runs and the panels into colChunks; task t is row run t / colChunks × column run
/// t mod colChunks. Equal runs matter: 1024 rows cut into 108-row chunks left one thread 540 rows and
/// the other 484, 5% of the time lost waiting.
/// <para>Who packs B: with one row run the threads own disjoint columns, so each task packs its own panels as it
/// goes; with several, the panels are shared and packed first, together (<see cref="RunParallel"/>). A row-major B
/// is not packed at all when there are threads and few rows (<see cref="ReadsBInPlace"/>).</para>
/// </remarks>
internal readonly unsafe struct GemmSlab<T, TKernel> where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    private readonly GemmOperands<T> ops;
    private readonly int j0, nc, ncPad, panels, depthBlocks, depth;
    private readonly T* packedB;
    private readonly int threads, rowTiles, rowChunks, colChunks;
    private readonly bool readsB, packsPerTask;

    /// <summary>Plans the slab of columns [j0, j0+nc) with its B packed into <paramref name="packedB"/>, or read in place on
    /// one thread too when <paramref name="serialInPlaceB"/> (see <see cref="ReadsBInPlace"/>).</summary>
    public GemmSlab(in GemmOperands<T> ops, int j0, int nc, T* packedB, int threads, bool serialInPlaceB = false)
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
        readsB = ReadsBInPlace(ops, serialInPlaceB ? 2 : threads);
        (rowChunks, colChunks) = PlanTasks(rowTiles, panels, threads, readsB);
        Tasks = rowChunks * colChunks;
        packsPerTask = !readsB && rowChunks == 1 && colChunks > 1;
    }

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
    private static bool PageAligned(nint ld) => ld * sizeof(T) % 4096 == 0;

    /// <summary>Number of independent compute tasks.</summary>
    public int Tasks { get; }

    /// <summary>Packs B and computes every task on the calling thread.</summary>
    public void RunSerial()
    {
        if (!readsB) PackB(0, 1);
        for (int t = 0; t < Tasks; t++) Compute(t);
    }

    /// <summary>Packs shared B panels, then computes the tasks, each phase spread over <see cref="GemmWorkers"/>.</summary>
    public void RunParallel()
    {
        int parts = readsB || packsPerTask ? 0 : Math.Min(2 * threads, depthBlocks * panels);
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
        long packedARows = (long)GemmBlocking.RoundUp(mc, mr) * depth;
        GemmScratch scratch = GemmScratch.Rent<T>(packedARows + (readsB ? (long)depth * nr : 0), out T* packedA);
        T* edgeB = packedA + packedARows;
        if (ops.Bias != null) EachRow(i0, mc, j0 + c0, cols, bias: true);
        try
        {
            for (int p0 = 0; p0 < ops.K; p0 += depth)
            {
                int kc = Math.Min(depth, ops.K - p0);
                T beta = p0 == 0 ? ops.Beta : T.One;
                if (packsPerTask) GemmPacking.PackB(ops.TransB, ops.B, ops.Ldb, p0, kc, j0 + c0, cols, nr, packedB + (nint)p0 * ncPad + (nint)c0 * kc);
                bool rows = ReadsARowsInPlace(cols);
                int full = rows ? mc / mr * mr : 0;
                if (full < mc) GemmPacking.PackA(ops.TransA, ops.A, ops.Lda, i0 + full, mc - full, p0, kc, mr, packedA);
                for (int jr = c0; jr < c0 + cols; jr += nr)
                {
                    int width = Math.Min(nr, nc - jr);
                    T* b = PanelOfB(p0, kc, jr, width, edgeB, out nint ldb);
                    T* c = ops.C + i0 * ops.Ldc + j0 + jr;
                    if (rows) Sweep(kc, ops.A + i0 * ops.Lda + p0, ops.Lda, 1, mr * ops.Lda, b, ldb, c, full, width, beta, tile);
                    Sweep(kc, packedA, 1, mr, (nint)kc * mr, b, ldb, c + full * ops.Ldc, mc - full, width, beta, tile);
                }
            }
        }
        finally
        {
            scratch.Return();
        }
        if (ops.Relu) EachRow(i0, mc, j0 + c0, cols, bias: false);
    }

    /// <summary>The dense-layer epilogue over rows [i0, i0+mc) × columns [j, j+cols) of C, on the thread that computes them
    /// (the block is still in its cache): the bias copied into each row before the product, or ReLU after it.</summary>
    private void EachRow(int i0, int mc, int j, int cols, bool bias)
    {
        for (int i = i0; i < i0 + mc; i++)
        {
            var row = new Span<T>(ops.C + i * ops.Ldc + j, cols);
            if (bias) new ReadOnlySpan<T>(ops.Bias + j, cols).CopyTo(row);
            else Rectify(row);
        }
    }

    /// <summary>row = max(row, 0) as <see cref="Activations.Relu{T}"/> computes it (float and double only).</summary>
    private static void Rectify(Span<T> row)
    {
        if (typeof(T) == typeof(float)) Activations.Relu<float>(MemoryMarshal.Cast<T, float>(row), MemoryMarshal.Cast<T, float>(row));
        else if (typeof(T) == typeof(double)) Activations.Relu<double>(MemoryMarshal.Cast<T, double>(row), MemoryMarshal.Cast<T, double>(row));
        else throw new NotSupportedException($"ReLU epilogue for {typeof(T).Name}.");
    }

    /// <summary>The kc-deep panel of B at column <paramref name="jr"/> of the slab and its row stride: packed, read in
    /// place, or (a partial panel read in place) packed into <paramref name="edge"/>.</summary>
    private T* PanelOfB(int p0, int kc, int jr, int width, T* edge, out nint ldb)
    {
        int nr = TKernel.Nr;
        ldb = nr;
        if (!readsB) return packedB + (nint)p0 * ncPad + (nint)jr * kc;
        if (width < nr)
        {
            GemmPacking.PackB(false, ops.B, ops.Ldb, p0, kc, j0 + jr, width, nr, edge);
            return edge;
        }
        ldb = ops.Ldb;
        return ops.B + (nint)p0 * ops.Ldb + j0 + jr;
    }

    /// <summary>Runs the kernel down one column panel: mc rows in Mr-row tiles, each nr wide (or narrower at the edge),
    /// A's tiles <paramref name="tileStep"/> apart with the kernel's (row, depth) strides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sweep(int kc, T* a, nint rowStride, nint depthStride, nint tileStep, T* b, nint ldb, T* c, int mc, int width, T beta, T* tile)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (int ir = 0; ir < mc; ir += mr, a += tileStep, c += mr * ops.Ldc)
        {
            int height = Math.Min(mr, mc - ir);
            if (height == mr && width == nr)
            {
                TKernel.Run(kc, a, rowStride, depthStride, b, ldb, c, ops.Ldc, ops.Alpha, beta);
                continue;
            }
            if (beta != T.Zero) CopyTile(c, ops.Ldc, tile, nr, height, width);
            TKernel.Run(kc, a, rowStride, depthStride, b, ldb, tile, nr, ops.Alpha, beta);
            CopyTile(tile, nr, c, ops.Ldc, height, width);
        }
    }

    /// <summary>
    /// Whether a task sweeping <paramref name="cols"/> columns reads its full Mr-row tiles of a row-major A in place
    /// (row stride lda, depth stride 1) instead of packing them; a partial last tile is packed either way.
    /// </summary>
    /// <remarks>
    /// Packing costs one pass over the A block per depth block and pays off over the column panels that reuse it;
    /// reading in place costs a little on every panel (Mr strided rows instead of one contiguous run). Measured in one
    /// process, variants interleaved: in place was 1–5% faster up to 32 panels (MLP shapes, 1000×256×784, 256³, 512³)
    /// and 0.5–2% slower from 49 (128×784×256, 1024³, 2048³), with the AVX2 kernel. Never for rows a multiple of 4 KiB
    /// apart (<see cref="PageAligned"/>). Both orders sum identically, so results do not change.
    /// </remarks>
    private bool ReadsARowsInPlace(int cols) => !ops.TransA && !PageAligned(ops.Lda) && cols <= MaxPanelsInPlace * TKernel.Nr;

    /// <summary>Most column panels per task for which A is read in place (see <see cref="ReadsARowsInPlace"/>).</summary>
    private const int MaxPanelsInPlace = 32;

    /// <summary>dst[r·ldd + j] = src[r·lds + j] for r &lt; rows, j &lt; cols.</summary>
    private static void CopyTile(T* src, nint lds, T* dst, nint ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<T>(src + r * lds, cols).CopyTo(new Span<T>(dst + r * ldd, cols));
    }

    /// <summary>Start, in units, of part <paramref name="part"/> when <paramref name="units"/> are cut into <paramref name="parts"/> near-equal parts.</summary>
    private static int Split(int units, int parts, int part) => (int)((long)units * part / parts);

    /// <summary>Row and column chunk counts: Mc-row blocks when serial, otherwise a multiple of the thread count.</summary>
    /// <remarks>
    /// When C is one Mc block or less, each thread gets one task, cut along rows or columns (a column task's A is then
    /// still one block), whichever leaves the larger task smaller: with 12-row tiles, 128 rows were 11 tiles, so two row
    /// tasks of 6 and 5 wasted 8% where two column tasks of 13 and 12 of 25 panels wasted 4% (128×784×256 ran 10%
    /// faster). On a tie, columns when B is packed: each column task packs its own half of B, with no pack phase and
    /// barrier (128×128×256 with B transposed, 16 row tiles of 8 and 4 panels: 3–6% slower by rows).
    /// </remarks>
    private static (int RowChunks, int ColChunks) PlanTasks(int rowTiles, int panels, int threads, bool readsB)
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
