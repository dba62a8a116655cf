using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;
using F = Dendrite.NN.Functional;

namespace Dendrite.Tests.Conv;

/// <summary>Upsample / Interpolate: float64 gradient checks, hand cases and PyTorch 1.13's F.interpolate (Fixtures/make_segmentation_fixtures.py).</summary>
public class UpsampleTests
{
    private static readonly IReadOnlyDictionary<string, Tensor> Fixture =
        Npz.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "upsample.npz"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Forward_and_gradient_equal_pytorchs_interpolate_in_float64_and_float32(int k)
    {
        int[] cfg = Fixture[$"{k}_cfg"].ToArray<int>();
        var mode = cfg[0] == 0 ? InterpolationMode.Nearest : InterpolationMode.Bilinear;
        bool alignCorners = cfg[1] == 1;
        foreach (var (dtype, tolerance) in new[] { (DType.Float64, 1e-12), (DType.Float32, 1e-5) })
        {
            var x = WithGrad(Fixture[$"{k}_x"].To(dtype).Detach());
            var layer = cfg[2] > 0 ? new Upsample(cfg[2], mode, alignCorners) : new Upsample((cfg[3], cfg[4]), mode, alignCorners);
            var y = layer.Forward(x);
            Assert.Equal(Fixture[$"{k}_y"].Shape, y.Shape);
            Naive.AssertClose(Fixture[$"{k}_y"].ToArray<double>(), y.ToArray<double>(), tolerance);
            (y * Fixture[$"{k}_dy"].To(dtype)).Sum().Backward();
            Naive.AssertClose(Fixture[$"{k}_dx"].ToArray<double>(), x.Grad!.ToArray<double>(), tolerance);
        }
    }

    [Theory]
    [InlineData(InterpolationMode.Nearest, false, 2, 0, 0)]
    [InlineData(InterpolationMode.Nearest, false, 0, 5, 7)]
    [InlineData(InterpolationMode.Bilinear, false, 2, 0, 0)]
    [InlineData(InterpolationMode.Bilinear, true, 3, 0, 0)]
    [InlineData(InterpolationMode.Bilinear, false, 0, 5, 2)]
    [InlineData(InterpolationMode.Bilinear, true, 0, 4, 7)]
    public void Gradient_check_in_float64(InterpolationMode mode, bool alignCorners, int scale, int outH, int outW)
    {
        var x = Leaf([2, 2, 3, 4], 5);
        AssertCorrect(t => scale > 0 ? F.Interpolate(t[0], scale, mode, alignCorners) : F.Interpolate(t[0], (outH, outW), mode, alignCorners), x);
    }

    [Fact]
    public void Nearest_repeats_pixels_and_bilinear_interpolates_between_them()
    {
        var x = Tensor.FromArray(new double[] { 1, 3 }, [1, 1, 1, 2]);
        Assert.Equal(new double[] { 1, 1, 3, 3, 1, 1, 3, 3 }, new Upsample(2).Forward(x).ToArray<double>());
        // half-pixel centres: sources −¼ (clamped to 0), ¼, ¾, 1¼ (upper tap clamped) → 1, 1.5, 2.5, 3
        Assert.Equal(new double[] { 1, 1.5, 2.5, 3 }, F.Interpolate(x, (1, 4), InterpolationMode.Bilinear).ToArray<double>());
        // aligned corners: sources 0, ⅓, ⅔, 1 → 1, 5/3, 7/3, 3
        Naive.AssertClose([1, 5.0 / 3, 7.0 / 3, 3], F.Interpolate(x, (1, 4), InterpolationMode.Bilinear, alignCorners: true).ToArray<double>());
    }

    [Fact]
    public void Describes_itself_and_rejects_wrong_inputs()
    {
        Assert.Equal("Upsample(scale 2, nearest)", new Upsample(2).Describe());
        Assert.Equal("Upsample(size 4×6, bilinear, align corners)", new Upsample((4, 6), InterpolationMode.Bilinear, alignCorners: true).Describe());
        var e = Assert.Throws<ArgumentException>(() => new Upsample(2).Forward(Tensor.Zeros([2, 3, 4])));
        Assert.Equal("Upsample(scale 2, nearest) expects [N, C, H, W] but got [2, 3, 4].", e.Message);
        Assert.Throws<ArgumentException>(() => new Upsample(2, alignCorners: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Upsample(0));
        Assert.Equal(0, new Upsample(2).ParameterCount);
    }
}
