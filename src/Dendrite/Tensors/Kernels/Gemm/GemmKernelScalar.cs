using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>Portable micro-kernel without SIMD: a 4×4 tile in 16 scalar accumulators.</summary>
/// <remarks>Used when no vector width is hardware accelerated (<c>DOTNET_EnableHWIntrinsic=0</c>).</remarks>
internal readonly struct GemmKernelScalar<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int Mr => 4;

    /// <inheritdoc/>
    public static int Nr => 4;

    /// <inheritdoc/>
    public static int Kc => GemmBlocking.Depth;

    /// <inheritdoc/>
    public static unsafe int Mc => GemmBlocking.RowsForL2(Kc, Mr, sizeof(T));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, nint rowStride, nint depthStride, T* b, nint ldb, T* c, nint ldc, T alpha, T beta)
    {
        T* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (nint p = 0, q = 0; p < kc; p++, q += depthStride)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            T x = a0[q];
            c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = a1[q];
            c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = a2[q];
            c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = a3[q];
            c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            b += ldb;
        }
        Store(c, c00, c01, c02, c03, alpha, beta);
        Store(c + ldc, c10, c11, c12, c13, alpha, beta);
        Store(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
        Store(c + 3 * ldc, c30, c31, c32, c33, alpha, beta);
    }

    /// <summary>c[0..4) = α·x + β·c, reading c only when β ≠ 0.</summary>
    private static unsafe void Store(T* c, T x0, T x1, T x2, T x3, T alpha, T beta)
    {
        if (beta == T.Zero)
        {
            c[0] = alpha * x0; c[1] = alpha * x1; c[2] = alpha * x2; c[3] = alpha * x3;
            return;
        }
        c[0] = alpha * x0 + beta * c[0];
        c[1] = alpha * x1 + beta * c[1];
        c[2] = alpha * x2 + beta * c[2];
        c[3] = alpha * x3 + beta * c[3];
    }
}
