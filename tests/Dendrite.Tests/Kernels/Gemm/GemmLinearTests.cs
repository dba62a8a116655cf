using Dendrite.Tensors.Kernels;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>The dense-layer GEMM with its bias and ReLU epilogue: bitwise the broadcast, GEMM (β = 1) and ReLU passes it
/// replaces, and close to a double-precision x·Wᵀ + b.</summary>
[Collection(nameof(Performance.Quiet))] // sets the thread count
public class GemmLinearTests
{
    [Theory]
    [InlineData(1000, 256, 784, true, true)]  // the MLP's first layer at batch 1000: several row tasks
    [InlineData(37, 10, 128, true, false)]    // partial tiles in both directions
    [InlineData(130, 45, 33, false, true)]    // no bias
    [InlineData(3, 20, 50, true, true)]       // the batch-1 path (no epilogue there: the same passes)
    [InlineData(9, 600, 20, true, true)]      // column tasks
    public void EpilogueIsBitwiseTheSeparatePasses(int m, int n, int k, bool withBias, bool relu)
    {
        var random = new Random(m * 7 + n);
        float[] x = Draw(random, m * k), w = Draw(random, n * k), b = withBias ? Draw(random, n) : [];
        var expected = new float[m * n];
        for (int i = 0; i < m && withBias; i++) b.CopyTo(expected, i * n);
        Gemm.Multiply(false, true, m, n, k, x, k, w, k, expected, n, 1f, withBias ? 1f : 0f);
        if (relu) for (int i = 0; i < expected.Length; i++) expected[i] = expected[i] > 0 ? expected[i] : 0;
        int saved = Threading.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Threading.MaxThreads = threads;
                var y = new float[m * n];
                Array.Fill(y, float.NaN); // the epilogue must overwrite every element
                Gemm.Linear(m, n, k, x, w, b, y, relu);
                Assert.True(expected.AsSpan().SequenceEqual(y), $"{m}×{n}×{k}, {threads} threads: the epilogue changed the bits");
            }
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
        for (int i = 0; i < m; i += Math.Max(1, m / 7))
            for (int j = 0; j < n; j += Math.Max(1, n / 5))
            {
                double s = withBias ? b[j] : 0;
                for (int p = 0; p < k; p++) s += (double)x[i * k + p] * w[j * k + p];
                if (relu) s = Math.Max(s, 0);
                Assert.True(Math.Abs(expected[i * n + j] - s) <= 1e-4 * (1 + Math.Abs(s)), $"({i}, {j}): {expected[i * n + j]} vs {s}");
            }
    }

    [Fact]
    public void DoubleEpilogueAddsTheBiasAndRectifies()
    {
        var random = new Random(5);
        const int m = 70, n = 19, k = 23;
        double[] x = new double[m * k], w = new double[n * k], b = new double[n], y = new double[m * n];
        foreach (var a in new[] { x, w, b }) for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() * 2 - 1;
        Gemm.Linear(m, n, k, x, w, b, y, relu: true);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = b[j];
                for (int p = 0; p < k; p++) s += x[i * k + p] * w[j * k + p];
                Assert.Equal(Math.Max(s, 0), y[i * n + j], 12);
            }
    }

    private static float[] Draw(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
