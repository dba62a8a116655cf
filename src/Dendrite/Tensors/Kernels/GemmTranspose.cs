using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>In-register AVX transposes that pack lines stored across a panel (8×8 float, 4×4 double blocks).</summary>
/// <remarks>
/// Packing a transposed operand means dst[p·width + r] = src[r·ld + p]. Done element by element that
/// is one store per value; here w source lines are loaded w values at a time, transposed with
/// unpack/shuffle/permute, and stored as w panel rows.
/// </remarks>
internal static unsafe class GemmTranspose
{
    /// <summary>Packs all <paramref name="width"/> lines of the panel if the type and width allow it; false otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryScatter<T>(T* src, nint ld, int kc, int width, T* dst) where T : unmanaged
    {
        if (!Avx.IsSupported) return false;
        if (typeof(T) == typeof(float) && width % 8 == 0)
        {
            for (int r = 0; r < width; r += 8) Float8((float*)src + r * ld, ld, kc, width, (float*)dst + r);
            return true;
        }
        if (typeof(T) == typeof(double) && width % 4 == 0)
        {
            for (int r = 0; r < width; r += 4) Double4((double*)src + r * ld, ld, kc, width, (double*)dst + r);
            return true;
        }
        return false;
    }

    /// <summary>Eight lines of kc floats → kc panel rows of eight, 8×8 blocks at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Float8(float* src, nint ld, int kc, int width, float* dst)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            float* s = src + p;
            Vector256<float> t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            Vector256<float> t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            Vector256<float> t2 = Avx.UnpackLow(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            Vector256<float> t3 = Avx.UnpackHigh(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            Vector256<float> t4 = Avx.UnpackLow(Avx.LoadVector256(s + 4 * ld), Avx.LoadVector256(s + 5 * ld));
            Vector256<float> t5 = Avx.UnpackHigh(Avx.LoadVector256(s + 4 * ld), Avx.LoadVector256(s + 5 * ld));
            Vector256<float> t6 = Avx.UnpackLow(Avx.LoadVector256(s + 6 * ld), Avx.LoadVector256(s + 7 * ld));
            Vector256<float> t7 = Avx.UnpackHigh(Avx.LoadVector256(s + 6 * ld), Avx.LoadVector256(s + 7 * ld));
            Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
            float* d = dst + (nint)p * width;
            Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
            Avx.Store(d + width, Avx.Permute2x128(u1, u5, 0x20));
            Avx.Store(d + 2 * width, Avx.Permute2x128(u2, u6, 0x20));
            Avx.Store(d + 3 * width, Avx.Permute2x128(u3, u7, 0x20));
            Avx.Store(d + 4 * width, Avx.Permute2x128(u0, u4, 0x31));
            Avx.Store(d + 5 * width, Avx.Permute2x128(u1, u5, 0x31));
            Avx.Store(d + 6 * width, Avx.Permute2x128(u2, u6, 0x31));
            Avx.Store(d + 7 * width, Avx.Permute2x128(u3, u7, 0x31));
        }
        for (; p < kc; p++)
            for (int r = 0; r < 8; r++) dst[(nint)p * width + r] = src[r * ld + p];
    }

    /// <summary>Four lines of kc doubles → kc panel rows of four, 4×4 blocks at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Double4(double* src, nint ld, int kc, int width, double* dst)
    {
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            double* s = src + p;
            Vector256<double> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ld);
            Vector256<double> r2 = Avx.LoadVector256(s + 2 * ld), r3 = Avx.LoadVector256(s + 3 * ld);
            Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            double* d = dst + (nint)p * width;
            Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(d + width, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(d + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(d + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
        }
        for (; p < kc; p++)
            for (int r = 0; r < 4; r++) dst[(nint)p * width + r] = src[r * ld + p];
    }
}
