using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// <see cref="Gemm.Multiply{T}"/> on the calling thread only, for callers that already run many GEMMs in
/// parallel (a convolution over the images of a batch) and must not start the GEMM's own workers too.
/// </summary>
/// <remarks>Same blocking, packing and micro-kernels as <see cref="Gemm"/>, so results are bitwise identical.</remarks>
internal static unsafe class GemmSerial
{
    /// <summary>C[m×n] = α·op(A)·op(B) + β·C for float32 or float64, single-threaded; <paramref name="inPlaceB"/> reads a
    /// row-major B without packing it when few rows of C would reuse the packed panels (as several threads do).</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        T alpha, T beta, bool inPlaceB = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0 || k <= 0 || alpha == T.Zero)
        {
            Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, alpha, beta);
            return;
        }
        Check(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        Check(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b));
        Check(c.Length, m, n, ldc, nameof(c));
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var ops = new GemmOperands<T>(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, alpha, beta);
            if (Vector512.IsHardwareAccelerated) GemmDriver<T, GemmKernel512<T>>.Run(ops, 1, inPlaceB);
            else if (Vector256.IsHardwareAccelerated) GemmDriver<T, GemmKernel256<T>>.Run(ops, 1, inPlaceB);
            else if (Vector128.IsHardwareAccelerated) GemmDriver<T, GemmKernel128<T>>.Run(ops, 1, inPlaceB);
            else GemmDriver<T, GemmKernelScalar<T>>.Run(ops, 1, inPlaceB);
        }
    }

    /// <summary>Checks that a rows×cols matrix with row stride ld fits in a span of the given length.</summary>
    private static void Check(int length, int rows, int cols, int ld, string name)
    {
        if (ld < cols || length < (long)(rows - 1) * ld + cols)
            throw new ArgumentException($"{name} holds {length} elements, too few for {rows}×{cols} with stride {ld}.", name);
    }
}
