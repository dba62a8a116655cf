namespace Dendrite.Tensors.Kernels;

/// <summary>Cache sizes that set the GEMM block sizes, and the rounding helpers the driver shares.</summary>
/// <remarks>
/// Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (2008): a kc×Nr panel
/// of B lives in L1, an Mc×kc block of A in L2, and the packed kc×n slab of B in L3.
/// </remarks>
internal static class GemmBlocking
{
    /// <summary>Bytes of L1 given to one kc×Nr panel of B: all of a 32 KiB L1, as BLIS does on Zen (A streams past it).</summary>
    public const int L1Bytes = 32 * 1024;

    /// <summary>Bytes of L2 given to one packed A block (half of a 512 KiB per-core L2).</summary>
    public const int L2Bytes = 256 * 1024;

    /// <summary>Largest packed B slab, in bytes, before the columns are split into several slabs.</summary>
    /// <remarks>Every slab packs A again, so fewer slabs pack less: 2048³ in one 16 MB slab rather than two of 8 MB ran
    /// 1–1.5% faster (in-process A/B, 1 and 2 threads). Half the 32 MB L3: B is consumed one kc-deep block at a time.</remarks>
    public const int SlabBytes = 16 * 1024 * 1024;

    /// <summary>Depth kc whose kc×<paramref name="nr"/> panel of B fills <see cref="L1Bytes"/>, within [256, 512].</summary>
    public static int DepthForL1(int nr, int elementSize) => Math.Clamp(L1Bytes / (nr * elementSize), 256, 512);

    /// <summary>Rows of A, a multiple of <paramref name="mr"/>, whose kc-deep block fills <see cref="L2Bytes"/>.</summary>
    public static int RowsForL2(int kc, int mr, int elementSize)
        => Math.Max(mr, L2Bytes / (kc * elementSize) / mr * mr);

    /// <summary>x rounded up to a multiple of <paramref name="step"/>.</summary>
    public static int RoundUp(int x, int step) => (x + step - 1) / step * step;

    /// <summary>⌈x / y⌉ for positive y.</summary>
    public static int CeilDiv(int x, int y) => (x + y - 1) / y;
}
