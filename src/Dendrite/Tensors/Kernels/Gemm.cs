using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>General matrix multiply on row-major spans: C = α·op(A)·op(B) + β·C.</summary>
/// <remarks>
/// op(A) is m×k and op(B) is k×n. When <c>transA</c> is set, A is stored k×m (row stride <c>lda</c>)
/// and read transposed without a copy; likewise for B. Row-major means element (i, j) of a matrix
/// with leading dimension ld sits at index i·ld + j.
/// </remarks>
internal static class Gemm
{
    /// <summary>C[m×n] = α·op(A)·op(B) + β·C for float32 or float64.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transA ? a[p * lda + i] : a[i * lda + p];
                    T bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                ref T ci = ref c[i * ldc + j];
                ci = beta == T.Zero ? alpha * sum : alpha * sum + beta * ci;
            }
        }
    }
}
