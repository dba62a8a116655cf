using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>Gemm against a naive float64 triple loop: odd sizes, every transpose, padded strides, α/β cases.</summary>
public class GemmTests
{
    private static readonly int[] SmallSizes = [1, 2, 3, 7, 16, 17];

    /// <summary>Shapes that cross the register tile, Kc (512), Mc (half the L2: 120–252 rows), the thread split and B slabs (16 MB).</summary>
    public static TheoryData<int, int, int> LargeShapes => new()
    {
        { 15, 31, 33 }, { 63, 65, 100 }, { 129, 257, 65 }, { 100, 129, 257 }, { 257, 33, 300 },
        { 130, 90, 513 }, { 260, 70, 40 }, { 5, 300, 520 }, { 300, 5, 31 }, { 128, 256, 784 }, { 3, 1100, 2048 },
        { 70, 1030, 600 }, // rows ≥ a page apart: B packed row by row, two depth blocks, a partial last panel
        { 3, 1030, 4100 }, // more than one 16 MB slab of packed B
        { 1, 256, 784 }, { 4, 130, 1000 }, { 2, 37, 9 }, // m ≤ 4: the unpacked skinny path when B is transposed
    };

    [Fact]
    public void SmallShapesMatchReferenceForEveryTranspose()
    {
        foreach (int m in SmallSizes)
            foreach (int n in SmallSizes)
                foreach (int k in SmallSizes)
                    foreach ((bool ta, bool tb) in Transposes())
                    {
                        Check<float>(ta, tb, m, n, k, 1f, 0f, seed: m * 10000 + n * 100 + k);
                        Check<double>(ta, tb, m, n, k, 1.0, 0.0, seed: m * 10000 + n * 100 + k);
                    }
    }

    [Theory]
    [MemberData(nameof(LargeShapes))]
    public void LargeShapesMatchReferenceForEveryTranspose(int m, int n, int k)
    {
        foreach ((bool ta, bool tb) in Transposes())
        {
            Check<float>(ta, tb, m, n, k, 1f, 0f, seed: m + n + k);
            Check<double>(ta, tb, m, n, k, 1.0, 0.0, seed: m + n + k);
        }
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(-0.5, 2.0)]
    [InlineData(2.0, -1.0)]
    [InlineData(0.0, 3.0)]
    [InlineData(0.0, 0.0)]
    public void AlphaAndBetaScaleTheProductAndTheOldC(double alpha, double beta)
    {
        foreach ((int m, int n, int k) in new[] { (7, 17, 5), (65, 33, 300), (128, 256, 784), (1, 300, 784), (4, 19, 33) })
            foreach ((bool ta, bool tb) in Transposes())
            {
                Check<float>(ta, tb, m, n, k, (float)alpha, (float)beta, seed: 7);
                Check<double>(ta, tb, m, n, k, alpha, beta, seed: 7);
            }
    }

    [Fact]
    public void BetaZeroOverwritesNaN()
    {
        foreach ((int m, int n, int k) in new[] { (3, 5, 2), (65, 70, 300) })
        {
            Check<float>(false, false, m, n, k, 1f, 0f, seed: 3, fillC: float.NaN);
            Check<double>(true, true, m, n, k, 2.0, 0.0, seed: 3, fillC: double.NaN);
        }
    }

    [Fact]
    public void ZeroDepthScalesC()
    {
        foreach (double beta in new[] { 0.0, 1.0, -2.0 })
        {
            Check<float>(false, false, 9, 20, 0, 1f, (float)beta, seed: 1, fillC: beta == 0 ? float.NaN : 0.5f);
            Check<double>(true, false, 9, 20, 0, 1.0, beta, seed: 1, fillC: beta == 0 ? double.NaN : 0.5);
        }
    }

    [Fact]
    public void EmptyOutputTouchesNothing()
    {
        float[] c = [42f];
        Gemm.Multiply<float>(false, false, 0, 5, 3, [], 3, new float[15], 5, c, 5, 1f, 0f);
        Gemm.Multiply<float>(false, false, 1, 0, 3, new float[3], 3, [], 1, c, 1, 1f, 0f);
        Assert.Equal(42f, c[0]);
    }

    [Fact]
    public void EveryKernelWidthMatchesReference()
    {
        foreach ((int m, int n, int k) in new[] { (13, 37, 21), (70, 45, 260), (100, 200, 300) })
            foreach ((bool ta, bool tb) in Transposes())
            {
                CheckKernel<float, GemmKernel512<float>>(ta, tb, m, n, k);
                CheckKernel<double, GemmKernel512<double>>(ta, tb, m, n, k);
                CheckKernel<float, GemmKernel256<float>>(ta, tb, m, n, k);
                CheckKernel<double, GemmKernel256<double>>(ta, tb, m, n, k);
                CheckKernel<float, GemmKernel128<float>>(ta, tb, m, n, k);
                CheckKernel<double, GemmKernel128<double>>(ta, tb, m, n, k);
                CheckKernel<float, GemmKernelScalar<float>>(ta, tb, m, n, k);
                CheckKernel<double, GemmKernelScalar<double>>(ta, tb, m, n, k);
            }
    }

    [Fact]
    public void VectorKernelsOfEveryTileShapeGiveTheSameBits()
    {
        // The 8×32 AVX-512, 6×16 AVX2 and narrower tiles all sum each element of C over the same kc-deep blocks in the
        // same order, so the tile shape never changes a result (two depth blocks here, and 128 rows: 16 tiles of 8).
        foreach ((int m, int n, int k, bool ta, bool tb) in new[] { (128, 128, 1100, false, true), (37, 70, 600, true, false), (128, 256, 784, false, false) })
        {
            var p = GemmProblem<float>.Random(ta, tb, m, n, k, seed: 17);
            float[] wide = p.Run<GemmKernel512<float>>(1.5f, 0.5f);
            Assert.Equal(wide, p.Run<GemmKernel256<float>>(1.5f, 0.5f));
            Assert.Equal(wide, p.Run<GemmKernel128<float>>(1.5f, 0.5f));
            var q = GemmProblem<double>.Random(ta, tb, m, n, k, seed: 18);
            Assert.Equal(q.Run<GemmKernel512<double>>(1.5, 0.5), q.Run<GemmKernel256<double>>(1.5, 0.5));
        }
    }

    [Fact]
    public void SerialGemmReadingBInPlaceGivesThePackedBits()
    {
        // LstmStep's per-step products read W_hh in place on one thread: the same sums as packing B first, for full
        // panels, a partial last panel (70 columns) and two depth blocks (k = 600).
        foreach ((int m, int n, int k) in new[] { (16, 512, 128), (4, 128, 512), (20, 70, 600) })
        {
            var p = GemmProblem<float>.Random(false, false, m, n, k, seed: 23);
            float[] packed = (float[])p.C.Clone(), inPlace = (float[])p.C.Clone();
            GemmSerial.Multiply(false, false, m, n, k, p.A, p.Lda, p.B, p.Ldb, packed, p.Ldc, 1.5f, 0.5f);
            GemmSerial.Multiply(false, false, m, n, k, p.A, p.Lda, p.B, p.Ldb, inPlace, p.Ldc, 1.5f, 0.5f, inPlaceB: true);
            p.AssertClose(inPlace, 1.5f, 0.5f);
            Assert.Equal(packed, inPlace);
            var q = GemmProblem<double>.Random(false, false, m, n, k, seed: 24);
            double[] packedD = (double[])q.C.Clone(), inPlaceD = (double[])q.C.Clone();
            GemmSerial.Multiply(false, false, m, n, k, q.A, q.Lda, q.B, q.Ldb, packedD, q.Ldc, 1.0, 1.0);
            GemmSerial.Multiply(false, false, m, n, k, q.A, q.Lda, q.B, q.Ldb, inPlaceD, q.Ldc, 1.0, 1.0, inPlaceB: true);
            q.AssertClose(inPlaceD, 1.0, 1.0);
            Assert.Equal(packedD, inPlaceD);
        }
    }

    [Fact]
    public void ParallelAndSerialResultsAreBitwiseIdentical()
    {
        foreach ((int m, int n, int k, bool ta, bool tb) in new[] { (128, 256, 784, true, false), (301, 203, 517, true, false), (256, 784, 128, true, false), (1, 256, 784, false, true), (3, 1100, 2048, false, true),
            (128, 784, 256, false, false), (100, 790, 256, false, false), (128, 256, 784, false, true), (700, 300, 200, false, false),
            (128, 128, 256, false, true), (1024, 96, 64, false, false) })
        {
            var p = GemmProblem<float>.Random(ta, tb, m, n, k, seed: 11);
            float[] parallel = p.Run(1.5f, 0.5f);
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = 1;
            try
            {
                Assert.Equal(parallel, p.Run(1.5f, 0.5f));
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
        }
    }

    [Fact]
    public void ConcurrentCallersGetTheSerialResult()
    {
        var p = GemmProblem<float>.Random(false, true, 128, 256, 784, seed: 13);
        float[] expected = p.Run(1f, 0f);
        float[][] results = new float[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            for (int rep = 0; rep < 5; rep++) results[i] = p.Run(1f, 0f);
        });
        foreach (float[] r in results) Assert.Equal(expected, r);
    }

    [Fact]
    public void ShortSpansAreRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(false, false, 2, 2, 2, new float[3], 2, new float[4], 2, new float[4], 2, 1f, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply<float>(false, false, 2, 2, 2, new float[4], 1, new float[4], 2, new float[4], 2, 1f, 0f));
    }

    private static IEnumerable<(bool, bool)> Transposes() => [(false, false), (true, false), (false, true), (true, true)];

    private static void Check<T>(bool ta, bool tb, int m, int n, int k, T alpha, T beta, int seed, T? fillC = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = GemmProblem<T>.Random(ta, tb, m, n, k, seed, fillC);
        p.AssertClose(p.Run(alpha, beta), alpha, beta);
    }

    private static void CheckKernel<T, TKernel>(bool ta, bool tb, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmKernel<T>
    {
        T alpha = T.CreateChecked(0.75), beta = T.CreateChecked(-1.25);
        var p = GemmProblem<T>.Random(ta, tb, m, n, k, seed: 5);
        p.AssertClose(p.Run<TKernel>(alpha, beta), alpha, beta);
    }
}
