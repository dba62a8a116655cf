namespace Dendrite.Tensors.Kernels;

/// <summary>The GEMM block sizes, and the rounding helpers the driver shares.</summary>
/// <remarks>
/// Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (2008): a kc×Nr panel
/// of B is reused from the nearest cache, an Mc×kc block of A lives in L2, and the packed kc×n slab of B in L3.
/// </remarks>
internal static class GemmBlocking
{
    /// <summary>Depth kc of one block, the same for every kernel, so every element of C is summed in the same order
    /// on every machine.</summary>
    /// <remarks>
    /// Deeper blocks read and write C less often. Measured in one process, variants interleaved: with the AVX2 kernel
    /// (16-float panels, 32 KiB at 512) 512 beat 256 and 384; with the AVX-512 kernel on Zen 4, whose 512-deep 64 KiB
    /// panel streams from L2, 512 beat 256 by 3–7% on 512³–2048³ and the MLP shapes.
    /// </remarks>
    public const int Depth = 512;

    /// <summary>Bytes of L1 data cache per core assumed by the in-place rules (32 KiB on every x64 core measured).</summary>
    public const int L1Bytes = 32 * 1024;

    /// <summary>Bytes of L2 given to one packed A block: half the per-core L2 (256 KiB when it cannot be read).</summary>
    /// <remarks>Mc = 252 rather than 120 rows (12-row tiles then; 256 with today's 8) on Zen 4's 1 MiB L2 was 1–5%
    /// faster at 1024³ and 2048³; on a 512 KiB L2 126 rows was best.</remarks>
    public static readonly int L2Bytes = DetectL2Bytes() / 2;

    /// <summary>Largest packed B slab, in bytes, before the columns are split into several slabs.</summary>
    /// <remarks>Every slab packs A again, so fewer slabs pack less: 2048³ in one 16 MB slab rather than two of 8 MB ran
    /// 1–1.5% faster (in-process A/B, 1 and 2 threads). Half the 32 MB L3: B is consumed one kc-deep block at a time.</remarks>
    public const int SlabBytes = 16 * 1024 * 1024;

    /// <summary>Rows of A, a multiple of <paramref name="mr"/>, whose kc-deep block fills <see cref="L2Bytes"/>.</summary>
    public static int RowsForL2(int kc, int mr, int elementSize)
        => Math.Max(mr, L2Bytes / (kc * elementSize) / mr * mr);

    /// <summary>x rounded up to a multiple of <paramref name="step"/>.</summary>
    public static int RoundUp(int x, int step) => (x + step - 1) / step * step;

    /// <summary>⌈x / y⌉ for positive y.</summary>
    public static int CeilDiv(int x, int y) => (x + y - 1) / y;

    /// <summary>The per-core L2 size Linux reports for CPU 0 (e.g. "1024K"), within [256 KiB, 4 MiB]; 512 KiB elsewhere.</summary>
    private static int DetectL2Bytes()
    {
        const int Fallback = 512 * 1024;
        try
        {
            const string Path = "/sys/devices/system/cpu/cpu0/cache/index2/size";
            if (!OperatingSystem.IsLinux() || !File.Exists(Path)) return Fallback;
            string text = File.ReadAllText(Path).Trim();
            int scale = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1024 * 1024 : 1;
            return int.TryParse(text.TrimEnd('K', 'M'), out int size) ? Math.Clamp(size * scale, 256 * 1024, 4 * 1024 * 1024) : Fallback;
        }
        catch (IOException)
        {
            return Fallback;
        }
        catch (UnauthorizedAccessException)
        {
            return Fallback;
        }
    }
}
