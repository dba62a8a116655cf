using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>In-register AVX transposes for packing lines stored across a panel (8×8 float, 4×4 double blocks).</summary>
/// <remarks>
/// Packing reads line r of the source (stride ld) into column r of the panel: dst[p·width + r] = src[r·ld + p].
/// Done element by element that is one store per value; here w lines are loaded w values at a time,
/// transposed with unpack/shuffle/permute and stored as w-wide pieces of w panel rows. When the
/// panel width is not a multiple of w the last group of lines is partial: its stores spill past the
/// end of their panel row into the start of the next, which the first group stores afterwards, and
/// past the last row by less than w elements, which the caller must allow (<c>mayOverrun</c>).
/// </remarks>
internal static unsafe class GemmTranspose
{
    /// <summary>Packs all <paramref name="width"/> lines of the panel if the type and width allow it; false otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryScatter<T>(T* src, nint ld, int kc, int width, T* dst, bool mayOverrun) where T : unmanaged
    {
        if (!Avx.IsSupported) return false;
        if (typeof(T) == typeof(float) && (width % 8 == 0 || (mayOverrun && width < 16)))
        {
            Float((float*)src, ld, kc, width, (float*)dst);
            return true;
        }
        if (typeof(T) == typeof(double) && (width % 4 == 0 || (mayOverrun && width < 8)))
        {
            Double((double*)src, ld, kc, width, (double*)dst);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Float(float* src, nint ld, int kc, int width, float* dst)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
            for (int r = (width - 1) / 8 * 8; r >= 0; r -= 8)
                Float8x8(src + r * ld + p, ld, Math.Min(8, width - r), dst + (nint)p * width + r, width);
        for (; p < kc; p++)
            for (int r = 0; r < width; r++) dst[(nint)p * width + r] = src[r * ld + p];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Double(double* src, nint ld, int kc, int width, double* dst)
    {
        int p = 0;
        for (; p + 4 <= kc; p += 4)
            for (int r = (width - 1) / 4 * 4; r >= 0; r -= 4)
                Double4x4(src + r * ld + p, ld, Math.Min(4, width - r), dst + (nint)p * width + r, width);
        for (; p < kc; p++)
            for (int r = 0; r < width; r++) dst[(nint)p * width + r] = src[r * ld + p];
    }

    /// <summary>d[q·width + i] = s[i·ld + q] for q &lt; 8, i &lt; lines (lines past the last repeat it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Float8x8(float* s, nint ld, int lines, float* d, int width)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + Math.Min(1, lines - 1) * ld);
        Vector256<float> r2 = Avx.LoadVector256(s + Math.Min(2, lines - 1) * ld);
        Vector256<float> r3 = Avx.LoadVector256(s + Math.Min(3, lines - 1) * ld);
        Vector256<float> r4 = Avx.LoadVector256(s + Math.Min(4, lines - 1) * ld);
        Vector256<float> r5 = Avx.LoadVector256(s + Math.Min(5, lines - 1) * ld);
        Vector256<float> r6 = Avx.LoadVector256(s + Math.Min(6, lines - 1) * ld);
        Vector256<float> r7 = Avx.LoadVector256(s + Math.Min(7, lines - 1) * ld);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + width, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * width, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * width, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * width, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * width, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * width, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * width, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>d[q·width + i] = s[i·ld + q] for q &lt; 4, i &lt; lines (lines past the last repeat it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Double4x4(double* s, nint ld, int lines, double* d, int width)
    {
        Vector256<double> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + Math.Min(1, lines - 1) * ld);
        Vector256<double> r2 = Avx.LoadVector256(s + Math.Min(2, lines - 1) * ld);
        Vector256<double> r3 = Avx.LoadVector256(s + Math.Min(3, lines - 1) * ld);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + width, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(d + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(d + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
    }
}
