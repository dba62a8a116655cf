using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks <c>Gemm.Multiply</c> (and <c>GemmSerial</c> reading B in place) for float and double against a naive double GEMM,
/// and <c>Gemm.Linear</c>'s epilogue against the passes it replaces.</summary>
/// <remarks>
/// Odd sizes leave partial register and cache blocks on every edge; each size runs with all four
/// transpose combinations, padded leading dimensions (whose padding must stay untouched), and
/// (α, β) = (1, 0), with C pre-filled with NaN since β = 0 must ignore C, and (−0.5, 2).
/// </remarks>
public static class GemmChecks
{
    private static readonly (int M, int N, int K)[] Sizes =
    [
        (1, 1, 1), (1, 7, 3), (5, 1, 9), (3, 5, 0), (2, 3, 4), (7, 13, 5), (17, 9, 33),
        (31, 33, 17), (64, 64, 64), (65, 67, 63), (1, 130, 129), (129, 1, 130), (97, 131, 257),
    ];

    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int m, int n, int k) in Sizes)
            foreach (bool transA in new[] { false, true })
                foreach (bool transB in new[] { false, true })
                    foreach ((double alpha, double beta) in new[] { (1.0, 0.0), (-0.5, 2.0) })
                        Check<T>(log, m, n, k, transA, transB, alpha, beta);
        foreach ((int m, int n, int k) in Sizes) CheckLinear<T>(log, m, n, k);
    }

    /// <summary><c>Gemm.Linear</c> (bias and ReLU as a GEMM epilogue) against the passes it replaces: the bias copied into
    /// every row, <c>Gemm.Multiply</c> with β = 1, then max(y, 0); bitwise, and within C's guards.</summary>
    private static void CheckLinear<T>(CheckLog log, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string what = $"Gemm.Linear<{typeof(T).Name}>(m {m}, n {n}, k {k})";
        Random rng = Inputs.Rng(what, 0);
        T[] x = Inputs.Uniform<T>(rng, m * k, -1, 1), w = Inputs.Uniform<T>(rng, n * k, -1, 1), bias = Inputs.Uniform<T>(rng, n, -1, 1);
        var expected = new T[m * n];
        for (int i = 0; i < m; i++) bias.CopyTo(expected, i * n);
        Gemm.Multiply(false, true, m, n, k, x, Math.Max(k, 1), w, Math.Max(k, 1), expected, n, T.One, T.One);
        for (int i = 0; i < expected.Length; i++) expected[i] = expected[i] > T.Zero ? expected[i] : T.Zero;
        var actual = new Guarded<T>(Enumerable.Repeat(T.NaN, m * n).ToArray());
        Gemm.Linear(m, n, k, x, w, bias, actual.Span, relu: true);
        log.Check(actual.GuardsIntact, $"{what}: wrote outside y");
        log.Check(actual.Span.SequenceEqual(expected), $"{what}: not the bits of the bias copy, Gemm.Multiply (β = 1) and ReLU");
    }

    private static void Check<T>(CheckLog log, int m, int n, int k, bool transA, bool transB, double alpha, double beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string what = $"Gemm<{typeof(T).Name}>(m {m}, n {n}, k {k}, {(transA ? "Aᵀ" : "A")}·{(transB ? "Bᵀ" : "B")}, α {alpha}, β {beta})";
        Random rng = Inputs.Rng(what, 0);
        // Stored shapes: A is m×k (k×m when transposed), B is k×n (n×k); each row padded by 3.
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + 3, ldb = bCols + 3, ldc = n + 3;
        T[] a = Inputs.Uniform<T>(rng, aRows * lda, -1, 1), b = Inputs.Uniform<T>(rng, bRows * ldb, -1, 1);
        T[] c = beta == 0 ? Enumerable.Repeat(T.NaN, m * ldc).ToArray() : Inputs.Uniform<T>(rng, m * ldc, -1, 1);
        for (int i = 0; i < m; i++) c.AsSpan(i * ldc + n, 3).Fill(T.CreateTruncating(777));

        (double[] expected, double[] scale) = Naive.Gemm(transA, transB, m, n, k, Widen.ToDouble<T>(a), lda,
            Widen.ToDouble<T>(b), ldb, Widen.ToDouble<T>(c), ldc, alpha, beta);
        var actual = new Guarded<T>(c);
        Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, actual.Span, ldc, T.CreateTruncating(alpha), T.CreateTruncating(beta));
        Tolerance tolerance = Tolerance.For<T>(new(1e-5, 1e-30), new(1e-13, 1e-300));
        log.Close(what, actual.Span, expected, tolerance, scale);
        log.Check(actual.GuardsIntact, $"{what}: wrote outside C");
        if (transB) return;
        // GemmSerial reading a row-major B in place (LstmStep's per-step products): the same bits as the packed path.
        var inPlace = new Guarded<T>(c);
        GemmSerial.Multiply(transA, false, m, n, k, a, lda, b, ldb, inPlace.Span, ldc, T.CreateTruncating(alpha), T.CreateTruncating(beta), inPlaceB: true);
        log.Close(what + " serial, B in place", inPlace.Span, expected, tolerance, scale);
        log.Check(inPlace.GuardsIntact, $"{what} serial, B in place: wrote outside C");
        log.Check(inPlace.Span.SequenceEqual(actual.Span), $"{what} serial, B in place: not the bits of Gemm.Multiply");
    }
}
