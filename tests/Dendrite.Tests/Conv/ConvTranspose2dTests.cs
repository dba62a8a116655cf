using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;
using F = Dendrite.NN.Functional;

namespace Dendrite.Tests.Conv;

/// <summary>ConvTranspose2d: float64 gradient checks and PyTorch 1.13's F.conv_transpose2d (Fixtures/make_segmentation_fixtures.py).</summary>
public class ConvTranspose2dTests
{
    private static readonly IReadOnlyDictionary<string, Tensor> Fixture =
        Npz.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "conv_transpose.npz"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Forward_and_gradients_equal_pytorchs_conv_transpose2d_in_float64_and_float32(int k)
    {
        int[] cfg = Fixture[$"{k}_cfg"].ToArray<int>();
        foreach (var (dtype, tolerance) in new[] { (DType.Float64, 1e-12), (DType.Float32, 2e-5) })
        {
            var x = WithGrad(Fixture[$"{k}_x"].To(dtype).Detach());
            var w = WithGrad(Fixture[$"{k}_w"].To(dtype).Detach());
            var b = WithGrad(Fixture[$"{k}_b"].To(dtype).Detach());
            var y = F.ConvTranspose2d(x, w, b, stride: cfg[0], padding: cfg[1], outputPadding: cfg[2], groups: cfg[3], dilation: cfg[4]);
            Assert.Equal(Fixture[$"{k}_y"].Shape, y.Shape);
            Naive.AssertClose(Fixture[$"{k}_y"].ToArray<double>(), y.ToArray<double>(), tolerance);
            (y * Fixture[$"{k}_dy"].To(dtype)).Sum().Backward();
            Naive.AssertClose(Fixture[$"{k}_dx"].ToArray<double>(), x.Grad!.ToArray<double>(), tolerance);
            Naive.AssertClose(Fixture[$"{k}_dw"].ToArray<double>(), w.Grad!.ToArray<double>(), tolerance);
            Naive.AssertClose(Fixture[$"{k}_db"].ToArray<double>(), b.Grad!.ToArray<double>(), tolerance);
        }
    }

    [Theory]
    // N, C, H, W, O, k, stride, padding, output padding, groups, dilation
    [InlineData(2, 3, 3, 4, 2, 3, 1, 0, 0, 1, 1)]
    [InlineData(2, 2, 3, 3, 3, 3, 2, 1, 1, 1, 1)]
    [InlineData(1, 4, 3, 2, 6, 3, 2, 0, 1, 2, 1)]
    [InlineData(1, 2, 3, 3, 2, 2, 3, 1, 2, 1, 2)]
    [InlineData(1, 2, 2, 3, 2, 3, 1, 1, 1, 1, 2)]
    [InlineData(2, 4, 2, 2, 4, 1, 2, 0, 1, 4, 1)]
    public void Gradient_check_in_float64(int n, int c, int h, int w, int o, int k, int stride, int padding, int outputPadding, int groups, int dilation)
    {
        var x = Leaf([n, c, h, w], 1);
        var weight = Leaf([c, o / groups, k, k], 2);
        var bias = Leaf([o], 3);
        AssertCorrect(t => F.ConvTranspose2d(t[0], t[1], t[2], stride, padding, outputPadding, groups, dilation), x, weight, bias);
        AssertCorrect(t => F.ConvTranspose2d(t[0], t[1], null, stride, padding, outputPadding, groups, dilation), x, weight);
    }

    [Fact]
    public void Kernel_3_stride_2_padding_1_output_padding_1_doubles_the_size()
    {
        var up = new ConvTranspose2d(8, 4, 3, stride: 2, padding: 1, outputPadding: 1, random: new Random(1));
        Assert.Equal(new Shape(2, 4, 10, 14), up.Forward(Tensor.Zeros([2, 8, 5, 7])).Shape);
        Assert.Equal(new Shape(8, 4, 3, 3), up.Weight.Shape);
        Assert.Equal(["weight", "bias"], up.NamedParameters().Select(p => p.Name));
        Assert.Equal(8 * 4 * 9 + 4, up.ParameterCount);
        Assert.Equal(new Shape(6, 2, 3, 3), new ConvTranspose2d(6, 4, 3, groups: 2).Weight.Shape);
        Assert.Equal("ConvTranspose2d(8 => 4, kernel 3, stride 2, padding 1, output padding 1)", up.Describe());
    }

    [Fact]
    public void A_single_pixel_scatters_its_filter_scaled_by_its_value()
    {
        // x = 2 at (1, 1) of a 3×3 image, k = 2, s = 2: the filter lands at rows 2..3, columns 2..3 of the 6×6 output
        var xs = new double[9];
        xs[4] = 2;
        var x = Tensor.FromArray(xs, [1, 1, 3, 3]);
        var w = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        var y = F.ConvTranspose2d(x, w, stride: 2).ToArray<double>();
        var expected = new double[36];
        expected[2 * 6 + 2] = 2; expected[2 * 6 + 3] = 4; expected[3 * 6 + 2] = 6; expected[3 * 6 + 3] = 8;
        Assert.Equal(expected, y);
    }

    [Fact]
    public void Wrong_inputs_fail_naming_the_layer_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConvTranspose2d(8, 4, 3).Forward(Tensor.Zeros([2, 3, 5, 5])));
        Assert.Equal("ConvTranspose2d(8 => 4, kernel 3) expects [N, 8, H, W] but got [2, 3, 5, 5].", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ConvTranspose2d(Tensor.Zeros([1, 4, 3, 3]), Tensor.Zeros([3, 2, 3, 3])));
        Assert.Contains("[3, 2, 3, 3]", e.Message);
        Assert.Contains("[1, 4, 3, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => new ConvTranspose2d(4, 4, 3, stride: 2, outputPadding: 2));
        Assert.Throws<ArgumentException>(() => new ConvTranspose2d(4, 3, 3, groups: 2));
        Assert.Throws<ArgumentException>(() => new ConvTranspose2d(2, 2, 3, padding: 3).Forward(Tensor.Zeros([1, 2, 2, 2])));
    }
}
