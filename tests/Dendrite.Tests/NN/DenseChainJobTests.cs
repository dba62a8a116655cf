using Dendrite.Autograd;
using Dendrite.NN;
using Xunit;

namespace Dendrite.Tests.NN;

/// <summary>A few-row Dense chain run as one worker job (<c>GemmChain</c>): bitwise the layer-by-layer chain at every
/// thread count (so no layer starts before the one it reads has finished, and every output is written), and close to a
/// naive double-precision forward.</summary>
[Collection(nameof(Performance.Quiet))] // sets the thread count
public class DenseChainJobTests
{
    /// <summary>The batch-1 MNIST MLP (its two wide layers split over the workers).</summary>
    private static Sequential Mnist(DType dtype, Random random) => new(
        new Dense(784, 256, random: random, dtype: dtype), new Relu(),
        new Dense(256, 128, random: random, dtype: dtype), new Relu(),
        new Dense(128, 10, random: random, dtype: dtype));

    /// <summary>Odd widths, a split layer without bias between unsplit ones, a last layer with ReLU.</summary>
    private static Sequential Odd(DType dtype, Random random) => new(
        new Dense(13, 37, random: random, dtype: dtype),
        new Dense(37, 300, bias: false, random: random, dtype: dtype), new Relu(),
        new Dense(300, 130, random: random, dtype: dtype), new Relu(),
        new Dense(130, 3, bias: false, random: random, dtype: dtype), new Relu());

    [Theory]
    [InlineData(false, DType.Float32, 1)]
    [InlineData(false, DType.Float64, 4)]
    [InlineData(true, DType.Float32, 3)]
    [InlineData(true, DType.Float64, 1)]
    public void OneJobIsBitwiseTheLayerByLayerChain(bool odd, DType dtype, int batch)
    {
        var random = new Random(batch * 3 + (odd ? 1 : 0));
        var model = odd ? Odd(dtype, random) : Mnist(dtype, random);
        foreach (var p in model.Parameters())
            if (p.Rank == 1) p.Assign(Tensor.Uniform(p.Shape, -0.5, 0.5, random).To(p.DType));
        var x = Tensor.Uniform([batch, odd ? 13 : 784], -1, 1, random).To(dtype);
        int saved = Threading.MaxThreads;
        try
        {
            using var noGrad = GradMode.NoGrad();
            using var fused = InferenceFusion.Apply(model);
            DenseChain.OneJob = false;
            double[] expected = model.Forward(x).To(DType.Float64).ToArray<double>();
            DenseChain.OneJob = true;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Threading.MaxThreads = threads;
                var y = model.Forward(x);
                Assert.Equal(expected, y.To(DType.Float64).ToArray<double>()); // float → double is exact: equal means bitwise
            }
        }
        finally
        {
            DenseChain.OneJob = true;
            Threading.MaxThreads = saved;
        }
    }

    [Fact]
    public void OneJobMatchesANaiveDoublePrecisionForward()
    {
        var random = new Random(5);
        var model = Odd(DType.Float64, random);
        var x = Tensor.Uniform([2, 13], -1, 1, random).To(DType.Float64);
        double[] actual;
        using (GradMode.NoGrad()) using (InferenceFusion.Apply(model)) actual = model.Forward(x).ToArray<double>();
        double[] a = x.ToArray<double>();
        for (int l = 0; l < 7; l++)
        {
            if (model[l] is not Dense d) continue;
            bool relu = l + 1 < 7 && model[l + 1] is Relu;
            double[] w = d.Weight.ToArray<double>(), b = d.Bias?.ToArray<double>() ?? new double[d.OutFeatures];
            var z = new double[2 * d.OutFeatures];
            for (int i = 0; i < 2; i++)
                for (int o = 0; o < d.OutFeatures; o++)
                {
                    double s = b[o];
                    for (int p = 0; p < d.InFeatures; p++) s += a[i * d.InFeatures + p] * w[o * d.InFeatures + p];
                    z[i * d.OutFeatures + o] = relu ? Math.Max(s, 0) : s;
                }
            a = z;
        }
        Assert.Equal(a.Length, actual.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(a[i])), $"{i}: {actual[i]} vs {a[i]}");
    }
}
