using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class StandardizerTests
{
    [Fact]
    public void Statistics_MatchNaivePopulationFormulas()
    {
        var rng = new Random(3);
        int m = 37, n = 5;
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = 100 + 5 * (i % n) + rng.NextDouble() * (i % n + 1);
        var s = Standardizer.Fit(Tensor.FromArray(data, [m, n]));
        Assert.Equal(new Shape(n), s.Mean.Shape);
        Assert.Equal(DType.Float64, s.Variance.DType);
        for (int j = 0; j < n; j++)
        {
            var col = Enumerable.Range(0, m).Select(i => data[i * n + j]).ToArray();
            double mu = col.Sum() / m, var = col.Sum(v => (v - mu) * (v - mu)) / m;  // population: divide by m
            Assert.Equal(mu, s.Mean.ToArray<double>()[j], 10);
            Assert.Equal(var, s.Variance.ToArray<double>()[j], 10);
        }
    }

    [Fact]
    public void Transform_GivesZeroMeanUnitVariance_OnTraining_AndReusesStatsOnDev()
    {
        var train = Tensor.FromArray(new float[] { 1, 10, 3, 10, 5, 10, 7, 10 }, [4, 2]); // second feature constant
        var s = Standardizer.Fit(train);
        var z = s.Transform(train).ToArray<float>();
        var first = new[] { z[0], z[2], z[4], z[6] };
        Assert.Equal(0, first.Average(), 6);
        Assert.Equal(1, first.Average(v => v * v), 5);
        Assert.All(new[] { z[1], z[3], z[5], z[7] }, v => Assert.Equal(0f, v)); // ε guard: zero variance → 0, not NaN
        // dev uses the training μ = 4, σ² = 5
        var dev = s.Transform(Tensor.FromArray(new float[] { 9, 11 }, [1, 2])).ToArray<float>();
        Assert.Equal((9 - 4) / Math.Sqrt(5 + 1e-8), dev[0], 5);
        Assert.True(float.IsFinite(dev[1]));
        Assert.All(train.ToArray<float>().Zip(s.InverseTransform(s.Transform(train)).ToArray<float>()), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public void RestoredFromSavedTensors_TransformsIdentically()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 5, 8, 13 }, [3, 2]);
        var s = Standardizer.Fit(x);
        var restored = new Standardizer(s.Mean.Clone(), s.Variance.Clone(), s.Epsilon);
        Assert.Equal(s.Transform(x).ToArray<double>(), restored.Transform(x).ToArray<double>());
        Assert.Throws<ArgumentException>(() => s.Transform(Tensor.Zeros([2, 3], DType.Float64)));
    }
}
