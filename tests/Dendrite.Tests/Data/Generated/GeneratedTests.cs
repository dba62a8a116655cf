using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class GeneratedTests
{
    [Fact]
    public void Moons_ShapeBalanceAndDeterminism()
    {
        var (x, y) = Moons.Generate(300, 0.2, seed: 3);
        Assert.Equal(new Shape(300, 2), x.Shape);
        Assert.Equal(new Shape(300, 1), y.Shape);
        Assert.Equal(DType.Float32, y.DType);
        var labels = y.ToArray<float>();
        Assert.Equal(150, labels.Count(l => l == 0));
        Assert.Equal(150, labels.Count(l => l == 1));
        Assert.Equal(x.ToArray<float>(), Moons.Generate(300, 0.2, seed: 3).X.ToArray<float>());
        Assert.NotEqual(x.ToArray<float>(), Moons.Generate(300, 0.2, seed: 4).X.ToArray<float>());
        Assert.NotEqual(labels[..20], labels[..20].Order().ToArray()); // shuffled, not 150 zeros then 150 ones
    }

    [Fact]
    public void Moons_WithoutNoise_LieOnTheHalfCircles_OddCountGoesInside()
    {
        var (x, y) = Moons.Generate(101, noise: 0, shuffle: false, dtype: DType.Float64);
        var p = x.ToArray<double>();
        var labels = y.ToArray<double>();
        Assert.Equal(50, labels.Count(l => l == 0));
        Assert.Equal(51, labels.Count(l => l == 1));
        for (int i = 0; i < 101; i++)
        {
            // outer: x² + y² = 1, y ≥ 0; inner: (x − 1)² + (y − 0.5)² = 1, y ≤ 0.5
            double cx = labels[i] == 0 ? 0 : 1, cy = labels[i] == 0 ? 0 : 0.5;
            Assert.Equal(1, Math.Pow(p[2 * i] - cx, 2) + Math.Pow(p[2 * i + 1] - cy, 2), 12);
            Assert.True(labels[i] == 0 ? p[2 * i + 1] >= -1e-12 : p[2 * i + 1] <= 0.5 + 1e-12);
        }
        Assert.Equal([1.0, 0.0], p[..2]);       // outer starts at t = 0
        Assert.Equal(2.0, p[2 * 100], 12);       // inner ends at t = π: (1 − cos π, 1 − sin π − 0.5) = (2, 0.5)
    }

    [Fact]
    public void Moons_NoiseHasTheRequestedStd()
    {
        var (clean, _) = Moons.Generate(4000, noise: 0, seed: 5, dtype: DType.Float64);
        var (noisy, _) = Moons.Generate(4000, noise: 0.2, seed: 5, dtype: DType.Float64);
        // Same seed → same permutation, so the difference is exactly the added noise.
        var d = clean.ToArray<double>().Zip(noisy.ToArray<double>(), (a, b) => b - a).ToArray();
        double mean = d.Average(), std = Math.Sqrt(d.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);  // σ/√8000 ≈ 0.0022
        Assert.InRange(std, 0.19, 0.21);
    }

    [Fact]
    public void Circles_RadiiAndLabels()
    {
        var (x, y) = Circles.Generate(200, noise: 0, factor: 0.5, seed: 1, dtype: DType.Float64);
        var p = x.ToArray<double>();
        var labels = y.ToArray<double>();
        Assert.Equal(new Shape(200, 1), y.Shape);
        Assert.Equal(100, labels.Count(l => l == 1));
        for (int i = 0; i < 200; i++)
            Assert.Equal(labels[i] == 0 ? 1 : 0.5, Math.Sqrt(p[2 * i] * p[2 * i] + p[2 * i + 1] * p[2 * i + 1]), 12);
    }

    [Fact]
    public void Spirals_ClassesAndRadius()
    {
        var (x, y) = Spirals.Generate(pointsPerClass: 100, classes: 4, seed: 0);
        Assert.Equal(new Shape(400, 2), x.Shape);
        Assert.Equal(DType.Int32, y.DType);
        Assert.Equal(new Shape(400), y.Shape);
        var labels = y.ToArray<int>();
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(100, labels.Count(l => l == c)));
        var p = x.ToArray<float>();
        for (int i = 0; i < 100; i++) // radius is linspace(0, 1, N) whatever the angle noise
            Assert.Equal(i / 99.0, Math.Sqrt(p[2 * i] * p[2 * i] + p[2 * i + 1] * p[2 * i + 1]), 5);
        Assert.Equal(p, Spirals.Generate(100, 4, seed: 0).X.ToArray<float>());
    }

    [Fact]
    public void Blobs_ClustersAroundDistinctCentres()
    {
        var (x, y) = Blobs.Generate(301, centers: 3, std: 0.5, seed: 2, dtype: DType.Float64);
        Assert.Equal(new Shape(301, 2), x.Shape);
        var labels = y.ToArray<int>();
        Assert.Equal([101, 100, 100], Enumerable.Range(0, 3).Select(c => labels.Count(l => l == c)));
        var p = x.ToArray<double>();
        for (int c = 0; c < 3; c++)
        {
            var rows = Enumerable.Range(0, 301).Where(i => labels[i] == c).ToArray();
            double mx = rows.Average(i => p[2 * i]), my = rows.Average(i => p[2 * i + 1]);
            double spread = Math.Sqrt(rows.Average(i => Math.Pow(p[2 * i] - mx, 2)));
            Assert.InRange(spread, 0.4, 0.6);
            Assert.InRange(Math.Abs(mx), 0, 10.5);
            Assert.InRange(Math.Abs(my), 0, 10.5);
        }
        Assert.Equal(labels, Blobs.Generate(301, 3, 0.5, seed: 2).Y.ToArray<int>());
    }

    [Fact]
    public void Xor_LabelsAreTheQuadrantParity()
    {
        var (x, y) = Xor.Generate(500, seed: 9);
        Assert.Equal(new Shape(500, 1), y.Shape);
        var p = x.ToArray<float>();
        var labels = y.ToArray<float>();
        for (int i = 0; i < 500; i++) Assert.Equal(p[2 * i] * p[2 * i + 1] < 0 ? 1f : 0f, labels[i]);
        Assert.InRange(labels.Count(l => l == 1), 200, 300);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(10, noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Circles.Generate(10, factor: 1.5));
        Assert.Throws<ArgumentException>(() => Xor.Generate(10, dtype: DType.Int32));
    }
}
