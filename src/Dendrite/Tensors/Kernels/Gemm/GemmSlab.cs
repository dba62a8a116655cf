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
/// is not packed at all when there are threads and few rows (<see cref="GemmSlabPlan{T, TKernel}.ReadsBInPlace"/>).</para>
/// </remarks>
internal readonly unsafe struct GemmSlab<T, TKernel> where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    private readonly GemmOperands<T> ops;
    private readonly int j0, nc, ncPad, panels, depthBlocks, depth;
    private readonly T* packedB;
    private readonly int threads, rowTiles, rowChunks, colChunks;
    private readonly bool readsB, packsPerTask;

    /// <summary>Plans the slab of columns [j0, j0+nc) with its B packed into <paramref name="packedB"/>, or read in place on
    /// one thread too when <paramref name="serialInPlaceB"/> (see <see cref="GemmSlabPlan{T, TKernel}.ReadsBInPlace"/>).</summary>
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
        readsB = GemmSlabPlan<T, TKernel>.ReadsBInPlace(ops, serialInPlaceB ? 2 : threads);
        (rowChunks, colChunks) = GemmSlabPlan<T, TKernel>.Tasks(rowTiles, panels, threads, readsB);
        Tasks = rowChunks * colChunks;
        packsPerTask = !readsB && rowChunks == 1 && colChunks > 1;
    }

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
                bool rows = GemmSlabPlan<T, TKernel>.ReadsARowsInPlace(ops, cols);
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

    /// <summary>dst[r·ldd + j] = src[r·lds + j] for r &lt; rows, j &lt; cols.</summary>
    private static void CopyTile(T* src, nint lds, T* dst, nint ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<T>(src + r * lds, cols).CopyTo(new Span<T>(dst + r * ldd, cols));
    }

    /// <summary>Start, in units, of part <paramref name="part"/> when <paramref name="units"/> are cut into <paramref name="parts"/> near-equal parts.</summary>
    private static int Split(int units, int parts, int part) => (int)((long)units * part / parts);
}
