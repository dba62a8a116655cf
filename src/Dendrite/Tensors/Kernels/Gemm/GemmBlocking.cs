using System.Runtime.Intrinsics.X86;

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
    /// faster at 1024³ and 2048³; on a 512 KiB L2 126 rows was best. On the Zen 5 bench host (no cache sysfs; CPUID
    /// gives 1 MiB) 256 rows rather than the fallback's 128, two threads, in-process A/B: minima 1024³ −12 to −22%,
    /// 2048³ −3 to −8%, 1000×256×784ᵀ −1 to −5%; one thread level (±4%).</remarks>
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

    /// <summary>The per-core L2 size Linux reports for CPU 0 (e.g. "1024K"), else the one CPUID reports, within
    /// [256 KiB, 4 MiB]; 512 KiB when neither can be read.</summary>
    /// <remarks>Containers often hide /sys/devices/system/cpu/cpu0/cache: on the Zen 5 bench host (2026-12-07) it is absent, so Mc
    /// fell back to 128 rows on a 1 MiB L2 (see <see cref="CpuidL2Bytes"/>).</remarks>
    private static int DetectL2Bytes()
    {
        const int Fallback = 512 * 1024;
        int bytes = SysfsL2Bytes();
        if (bytes <= 0) bytes = CpuidL2Bytes();
        return bytes > 0 ? Math.Clamp(bytes, 256 * 1024, 4 * 1024 * 1024) : Fallback;
    }

    /// <summary>L2 bytes from /sys/devices/system/cpu/cpu0/cache/index2/size, or 0 when it cannot be read.</summary>
    private static int SysfsL2Bytes()
    {
        try
        {
            const string Path = "/sys/devices/system/cpu/cpu0/cache/index2/size";
            if (!OperatingSystem.IsLinux() || !File.Exists(Path)) return 0;
            string text = File.ReadAllText(Path).Trim();
            int scale = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1024 * 1024 : 1;
            return int.TryParse(text.TrimEnd('K', 'M'), out int size) ? size * scale : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>L2 bytes per core from x86 CPUID leaf 0x80000006 (ECX bits 31:16, in KiB; AMD and Intel both fill it),
    /// or 0 off x86 or when the leaf is missing.</summary>
    internal static int CpuidL2Bytes()
    {
        if (!X86Base.IsSupported) return 0;
        if ((uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000006u) return 0;
        int kib = (int)((uint)X86Base.CpuId(unchecked((int)0x80000006), 0).Ecx >> 16);
        return kib * 1024;
    }
}
