using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>The GotoBLAS/BLIS loop nest around one micro-kernel: slabs of B, blocks of A, register tiles.</summary>
/// <remarks>
/// For each slab of at most <see cref="GemmBlocking.SlabBytes"/> of columns, all of op(B) is packed
/// once (kc-deep blocks of Nr-wide panels). Then C is cut into tasks of at most Mc rows (and, when
/// there are too few rows to feed every thread, groups of columns). A task walks the depth in kc
/// blocks: it packs its rows of op(A) and sweeps panels of B (outer) and panels of A (inner),
/// calling the kernel per Mr×Nr tile. Tasks never split k, and task edges fall on multiples of Mr and
/// Nr, so every element is summed in the same order whatever the thread count.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel> where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    /// <summary>Below this many flops per thread, another thread costs more than it saves.</summary>
    private const double MinFlopsPerThread = 2e6;

    /// <summary>Computes C = α·op(A)·op(B) + β·C for m, n, k ≥ 1 using at most <paramref name="maxThreads"/> threads;
    /// <paramref name="serialInPlaceB"/> reads a row-major B in place on one thread too, where B is reused from call to
    /// call (a recurrent weight) and its packing is not amortised over a few row tiles.</summary>
    public static void Run(in GemmOperands<T> ops, int maxThreads, bool serialInPlaceB = false)
    {
        double flops = 2.0 * ops.M * ops.N * ops.K;
        int threads = (int)Math.Clamp(flops / MinFlopsPerThread, 1, Math.Max(1, maxThreads));
        int slabCols = SlabColumns(ops.N, ops.K);
        bool packsB = !GemmSlabPlan<T, TKernel>.ReadsBInPlace(ops, serialInPlaceB ? 2 : threads);
        GemmScratch scratch = GemmScratch.Rent<T>(packsB ? (long)ops.K * slabCols : 0, out T* packedB);
        try
        {
            for (int j0 = 0; j0 < ops.N; j0 += slabCols)
            {
                var slab = new GemmSlab<T, TKernel>(ops, j0, Math.Min(slabCols, ops.N - j0), packedB, threads, serialInPlaceB);
                if (threads == 1) slab.RunSerial();
                else slab.RunParallel();
            }
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>Columns per slab: a multiple of Nr whose packed k-deep B fits in <see cref="GemmBlocking.SlabBytes"/>.</summary>
    private static int SlabColumns(int n, int k)
    {
        int nr = TKernel.Nr;
        int fit = GemmBlocking.SlabBytes / (k * sizeof(T)) / nr * nr;
        return Math.Clamp(fit, nr, GemmBlocking.RoundUp(n, nr));
    }
}
