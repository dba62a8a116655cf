using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class AugmentationTests
{
    /// <summary>Images [n, c, h, w] whose pixel value encodes its position: 1000·n + 100·c + 10·row + col + 1 (never 0).</summary>
    private static Tensor Coded(int n, int c, int h, int w)
    {
        var v = new float[n * c * h * w];
        for (int i = 0; i < n; i++) for (int k = 0; k < c; k++) for (int r = 0; r < h; r++) for (int q = 0; q < w; q++)
            v[((i * c + k) * h + r) * w + q] = 1000 * i + 100 * k + 10 * r + q + 1;
        return Tensor.FromArray(v, [n, c, h, w]);
    }

    [Fact]
    public void HorizontalFlip_MirrorsExactly_OrLeavesAlone()
    {
        var x = Coded(3, 2, 4, 5);
        var all = new HorizontalFlip(1).Apply(x, new Random(0));
        for (int i = 0; i < 3; i++) for (int c = 0; c < 2; c++) for (int r = 0; r < 4; r++) for (int q = 0; q < 5; q++)
            Assert.Equal(x.Get(i, c, r, 4 - q), all.Get(i, c, r, q));
        Assert.Equal(x.ToArray<float>(), new HorizontalFlip(0).Apply(x, new Random(0)).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), new HorizontalFlip(1).Apply(all, new Random(0)).ToArray<float>()); // flipping twice is the identity
        Assert.Equal(Coded(3, 2, 4, 5).ToArray<float>(), x.ToArray<float>());                              // the input is untouched
    }

    [Fact]
    public void HorizontalFlip_FlipsAboutHalf_PerImage()
    {
        var x = Coded(400, 1, 1, 2);
        var y = new HorizontalFlip(0.5).Apply(x, new Random(1));
        int flipped = Enumerable.Range(0, 400).Count(i => y.Get(i, 0, 0, 0) != x.Get(i, 0, 0, 0));
        Assert.InRange(flipped, 160, 240);
    }

    [Fact]
    public void RandomCrop_IsAShiftWithZeroFill()
    {
        var x = Coded(50, 2, 6, 7);
        var y = new RandomCrop(6, padding: 2).Apply(x, new Random(3));
        Assert.Equal(new Shape(50, 2, 6, 6), y.Shape);
        var shifts = new HashSet<(int, int)>();
        for (int i = 0; i < 50; i++)
        {
            // Recover the shift from any non-zero pixel: value − 1 − 1000·i − 100·c = 10·row + col of the source.
            var (dy, dx) = FindShift(y, i);
            Assert.InRange(dy, -2, 2);
            Assert.InRange(dx, -2, 3);  // the window is 6 wide on a 7-wide image padded to 11: ox ∈ [0, 5], dx = ox − 2
            shifts.Add((dy, dx));
            for (int c = 0; c < 2; c++) for (int r = 0; r < 6; r++) for (int q = 0; q < 6; q++)
            {
                int sr = r + dy, sq = q + dx;
                double want = sr is >= 0 and < 6 && sq is >= 0 and < 7 ? x.Get(i, c, sr, sq) : 0;
                Assert.Equal(want, y.Get(i, c, r, q));
            }
        }
        Assert.True(shifts.Count > 5, $"only {shifts.Count} distinct shifts");
    }

    private static (int Dy, int Dx) FindShift(Tensor y, int i)
    {
        for (int r = 0; r < y.Shape[2]; r++) for (int q = 0; q < y.Shape[3]; q++)
        {
            double v = y.Get(i, 0, r, q);
            if (v == 0) continue;
            int code = (int)v - 1 - 1000 * i;
            return (code / 10 - r, code % 10 - q);
        }
        throw new InvalidOperationException("an all-zero crop");
    }

    [Fact]
    public void RandomCrop_WithoutPadding_CutsInsideTheImage()
    {
        var x = Coded(20, 1, 8, 8);
        var y = new RandomCrop(5).Apply(x, new Random(2));
        Assert.Equal(new Shape(20, 1, 5, 5), y.Shape);
        Assert.DoesNotContain(0f, y.ToArray<float>());
        Assert.Throws<ArgumentException>(() => new RandomCrop(9).Apply(x, new Random(0)));
        Assert.Throws<ArgumentException>(() => new RandomCrop(3).Apply(Tensor.Zeros([4, 9]), new Random(0)));
    }

    [Fact]
    public void GaussianNoise_HasTheRequestedStatistics()
    {
        var x = Tensor.Full([20, 3, 16, 16], 0.5, DType.Float64);
        var d = new GaussianNoise(0.1).Apply(x, new Random(4)).ToArray<double>().Select(v => v - 0.5).ToArray();
        double mean = d.Average(), std = Math.Sqrt(d.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.005, 0.005);  // σ/√15360 ≈ 0.0008
        Assert.InRange(std, 0.097, 0.103);
        Assert.Equal(DType.Float32, new GaussianNoise(0.1).Apply(x.To(DType.Float32), new Random(4)).DType);
    }

    [Fact]
    public void Compose_SameSeed_SameResult()
    {
        var t = new Compose(new RandomCrop(6, padding: 1), new HorizontalFlip(), new GaussianNoise(0.05));
        var x = Coded(8, 3, 6, 6);
        Assert.Equal(t.Apply(x, new Random(11)).ToArray<float>(), t.Apply(x, new Random(11)).ToArray<float>());
        Assert.NotEqual(t.Apply(x, new Random(11)).ToArray<float>(), t.Apply(x, new Random(12)).ToArray<float>());
        Assert.Equal("Compose(RandomCrop(6, padding 1), HorizontalFlip(p 0.5), GaussianNoise(std 0.05))", t.ToString());
    }

    [Fact]
    public void TransformedDataset_UnderADataLoader_IsDeterministic_AndFreshEachEpoch()
    {
        var inner = new TensorDataset(Coded(12, 1, 4, 4), Tensor.FromArray(Enumerable.Range(0, 12).ToArray(), [12]));
        float[] Run(int seed, int epochs)
        {
            var loader = new DataLoader(new TransformedDataset(inner, new Compose(new HorizontalFlip(), new RandomCrop(4, padding: 1)), seed), 5, seed: 1);
            return [.. Enumerable.Range(0, epochs).SelectMany(e => loader.Batches(e)).SelectMany(b => b.Inputs.ToArray<float>())];
        }
        Assert.Equal(Run(7, 2), Run(7, 2));
        Assert.NotEqual(Run(7, 2), Run(8, 2));

        var data = new TransformedDataset(inner, new HorizontalFlip(1), seed: 0);
        var batch = data.Get([3, 1]);
        Assert.Equal([3, 1], batch.Targets.ToArray<int>());                       // targets pass through
        Assert.Equal(inner.Inputs.Get(3, 0, 0, 3), batch.Inputs.Get(0, 0, 0, 0)); // inputs flipped

        var noisy = new TransformedDataset(inner, new GaussianNoise(1), seed: 5);
        var first = noisy.Get([0]).Inputs.ToArray<float>();
        Assert.NotEqual(first, noisy.Get([0]).Inputs.ToArray<float>());  // a fresh draw each call (each epoch)
        noisy.Reset();
        Assert.Equal(first, noisy.Get([0]).Inputs.ToArray<float>());
    }
}
