using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>Random GEMM operands with padded strides (the padding holds NaN or a sentinel) and a float64 reference.</summary>
internal sealed class GemmProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Pad = 3;
    private static readonly T Sentinel = T.CreateChecked(12345);

    private GemmProblem(bool ta, bool tb, int m, int n, int k, T[] a, T[] b, T[] c)
    {
        (TransA, TransB, M, N, K, A, B, C) = (ta, tb, m, n, k, a, b, c);
    }

    public bool TransA { get; }
    public bool TransB { get; }
    public int M { get; }
    public int N { get; }
    public int K { get; }
    public T[] A { get; }
    public T[] B { get; }
    public T[] C { get; }
    public int Lda => (TransA ? M : K) + Pad;
    public int Ldb => (TransB ? K : N) + Pad;
    public int Ldc => N + Pad;

    /// <summary>Uniform(−1, 1) entries; NaN in the padding of A and B; C filled with <paramref name="fillC"/> or random.</summary>
    public static GemmProblem<T> Random(bool ta, bool tb, int m, int n, int k, int seed, T? fillC = null)
    {
        var rng = new Random(seed);
        T[] a = Matrix(rng, ta ? k : m, ta ? m : k, T.NaN);
        T[] b = Matrix(rng, tb ? n : k, tb ? k : n, T.NaN);
        T[] c = Matrix(rng, m, n, Sentinel);
        if (fillC is T fill)
            for (int i = 0; i < m; i++) Array.Fill(c, fill, i * (n + Pad), n);
        return new GemmProblem<T>(ta, tb, m, n, k, a, b, c);
    }

    /// <summary>A copy of C after Gemm.Multiply with the default kernel.</summary>
    public T[] Run(T alpha, T beta)
    {
        T[] c = (T[])C.Clone();
        Gemm.Multiply(TransA, TransB, M, N, K, A, Lda, B, Ldb, c, Ldc, alpha, beta);
        return c;
    }

    /// <summary>A copy of C after Gemm.Multiply with the given micro-kernel.</summary>
    public T[] Run<TKernel>(T alpha, T beta) where TKernel : IGemmKernel<T>
    {
        T[] c = (T[])C.Clone();
        Gemm.Multiply<T, TKernel>(TransA, TransB, M, N, K, A, Lda, B, Ldb, c, Ldc, alpha, beta);
        return c;
    }

    /// <summary>|c − ref| ≤ tol·(|α|·Σₚ|a||b| + |β|·|c₀|) per element, and the padding of C untouched.</summary>
    public void AssertClose(T[] actual, T alpha, T beta)
    {
        double tol = typeof(T) == typeof(float) ? 2e-6 * Math.Sqrt(K + 4) : 1e-14 * Math.Sqrt(K + 4);
        double al = double.CreateChecked(alpha), be = double.CreateChecked(beta);
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0, scale = 0;
                for (int p = 0; p < K; p++)
                {
                    double x = double.CreateChecked(TransA ? A[p * Lda + i] : A[i * Lda + p]);
                    double y = double.CreateChecked(TransB ? B[j * Ldb + p] : B[p * Ldb + j]);
                    sum += x * y;
                    scale += Math.Abs(x * y);
                }
                double c0 = double.CreateChecked(C[i * Ldc + j]);
                double expected = be == 0 ? al * sum : al * sum + be * c0;
                double bound = tol * (Math.Abs(al) * scale + (be == 0 ? 0 : Math.Abs(be * c0))) + 1e-30;
                double got = double.CreateChecked(actual[i * Ldc + j]);
                if (!(Math.Abs(got - expected) <= bound))
                    Assert.Fail($"{Describe()} C[{i},{j}] = {got}, expected {expected} ± {bound}");
            }
            for (int j = N; j < Ldc && i * Ldc + j < actual.Length; j++)
                Assert.Equal(Sentinel, actual[i * Ldc + j]);
        }
    }

    private string Describe() => $"{typeof(T).Name} m={M} n={N} k={K} transA={TransA} transB={TransB}:";

    private static T[] Matrix(Random rng, int rows, int cols, T padding)
    {
        int ld = cols + Pad;
        var data = new T[Math.Max(0, rows * ld)];
        for (int i = 0; i < data.Length; i++)
            data[i] = i % ld < cols ? T.CreateChecked(rng.NextDouble() * 2 - 1) : padding;
        return data;
    }
}
