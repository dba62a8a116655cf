using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tensors.Kernels;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

/// <summary>The fused batch-norm kernels against naive double loops, with odd sizes, large means and any thread count.</summary>
public class BatchNormKernelTests
{
    /// <summary>Naive training batch norm in double: y, and ∂L/∂x, ∂L/∂γ, ∂L/∂β for upstream g.</summary>
    private static (double[] Y, double[] Dx, double[] DGamma, double[] DBeta) Reference(double[] x, double[] g, double[] gamma, double[] beta,
        int n, int c, int s, double eps)
    {
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var dGamma = new double[c];
        var dBeta = new double[c];
        double m = n * s;
        for (int ch = 0; ch < c; ch++)
        {
            var idx = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range((i * c + ch) * s, s)).ToArray();
            double mu = idx.Average(i => x[i]);
            double var = idx.Average(i => (x[i] - mu) * (x[i] - mu));
            double inv = 1 / Math.Sqrt(var + eps);
            foreach (int i in idx) y[i] = gamma[ch] * (x[i] - mu) * inv + beta[ch];
            double sumG = idx.Sum(i => g[i]), sumGh = idx.Sum(i => g[i] * (x[i] - mu) * inv);
            dBeta[ch] = sumG;
            dGamma[ch] = sumGh;
            // ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σ(g·x̂)/M)
            foreach (int i in idx) dx[i] = gamma[ch] * inv * (g[i] - sumG / m - (x[i] - mu) * inv * sumGh / m);
        }
        return (y, dx, dGamma, dBeta);
    }

    [Theory]
    [InlineData(3, 5, 7, 9)]   // S = 63: vector body and scalar tail
    [InlineData(2, 4, 1, 37)]
    [InlineData(6, 3, 1, 1)]   // S = 1, the [N, C] layout of BatchNorm1d
    [InlineData(4, 2, 16, 16)]
    public void Float32_training_matches_a_naive_double_reference(int n, int c, int h, int w)
    {
        var bn = new BatchNorm2d(c);
        Init.NormalWith(0.5)(bn.Weight, new Random(1));
        Init.NormalWith(0.5)(bn.Bias, new Random(2));
        var x = WithGrad(Tensor.Normal([n, c, h, w], 3, 2, new Random(3)));
        var g = Tensor.Normal(x.Shape, 0, 1, new Random(4));
        var y = bn.Forward(x);
        y.Backward(g);
        var (ey, edx, eg, eb) = Reference(x.ToArray<double>(), g.ToArray<double>(), bn.Weight.ToArray<double>(), bn.Bias.ToArray<double>(), n, c, h * w, 1e-5);
        Naive.AssertClose(ey, y.ToArray<double>(), 2e-5);
        Naive.AssertClose(edx, x.Grad!.ToArray<double>(), 2e-4);
        Naive.AssertClose(eg, bn.Weight.Grad!.ToArray<double>(), 1e-4);
        Naive.AssertClose(eb, bn.Bias.Grad!.ToArray<double>(), 1e-4);
    }

    [Fact]
    public void Statistics_stay_accurate_for_a_large_mean()
    {
        // x = 10⁴ + N(0, 1): Σx² − (Σx)²/M would lose every digit of the variance in float32
        int n = 8, c = 2, s = 300;
        var x = Tensor.Normal([n, c, s], 1e4, 1, new Random(5));
        var mean = new double[c];
        var variance = new double[c];
        BatchNormOps.Train(x, Tensor.Ones([c]), Tensor.Zeros([c]), 1e-5, mean, variance);
        var xd = x.ToArray<double>();
        for (int ch = 0; ch < c; ch++)
        {
            var v = Enumerable.Range(0, n).SelectMany(i => xd.Skip((i * c + ch) * s).Take(s)).ToArray();
            double mu = v.Average(), var = v.Average(a => (a - mu) * (a - mu));
            Assert.True(Math.Abs(mu - mean[ch]) < 1e-4, $"mean {mean[ch]} vs {mu}");
            Assert.True(Math.Abs(var - variance[ch]) < 1e-3 * var, $"variance {variance[ch]} vs {var}");
        }
    }

    [Fact]
    public void Results_are_bitwise_identical_for_one_and_two_threads()
    {
        (float[] Y, float[] Dx, float[] Dg, float[] Db) Once()
        {
            var bn = new BatchNorm2d(16);
            var x = WithGrad(Tensor.Normal([8, 16, 12, 12], 1, 2, new Random(6)));
            var y = bn.Forward(x);
            y.Backward(Tensor.Normal(y.Shape, 0, 1, new Random(7)));
            return (y.ToArray<float>(), x.Grad!.ToArray<float>(), bn.Weight.Grad!.ToArray<float>(), bn.Bias.Grad!.ToArray<float>());
        }
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            var two = Once();
            Gemm.MaxThreads = 1;
            var one = Once();
            Assert.Equal(one.Y, two.Y);
            Assert.Equal(one.Dx, two.Dx);
            Assert.Equal(one.Dg, two.Dg);
            Assert.Equal(one.Db, two.Db);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void Evaluation_mode_passes_the_gradient_check()
    {
        // fixed statistics: y = γ·(x − mean)/√(var + ε) + β is affine in x, γ and β
        var bn = new BatchNorm2d(3, dtype: DType.Float64);
        Init.NormalWith(0.5)(bn.Weight, new Random(1));
        Init.NormalWith(0.5)(bn.Bias, new Random(2));
        new[] { 0.5, -1, 2 }.CopyTo(bn.RunningMean.Span<double>());
        new[] { 0.25, 2, 4 }.CopyTo(bn.RunningVariance.Span<double>());
        bn.Eval();
        var x = Leaf([2, 3, 4, 5], 8);
        var w = Tensor.Uniform([2, 3, 4, 5], 0.5, 1.5, new Random(9), DType.Float64);
        var result = GradCheck.Run(() => (bn.Forward(x) * w).Sum(), bn.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.Difference < 2e-7, result.ToString());
    }
}
