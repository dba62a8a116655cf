using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

public class ConvLayerTests
{
    /// <summary>Gradient-checks a float64 module's parameters and its input together.</summary>
    private static void AssertModuleGradients(Module m, Tensor x)
    {
        Tensor weights;
        using (GradMode.NoGrad()) weights = Tensor.Uniform(m.Forward(x).Shape, 0.5, 1.5, new Random(99), DType.Float64);
        var result = GradCheck.Run(() => (m.Forward(x) * weights).Sum(), m.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Conv2d_has_pytorch_parameter_names_and_shapes()
    {
        var conv = new Conv2d(3, 16, 3, padding: 1);
        Assert.Equal(["weight", "bias"], conv.NamedParameters().Select(p => p.Name));
        Assert.Equal(new Shape(16, 3, 3, 3), conv.Weight.Shape);
        Assert.Equal(new Shape(16), conv.Bias!.Shape);
        Assert.Equal(16 * 3 * 9 + 16, conv.ParameterCount);
        Assert.Equal(new Shape(32, 4, 3, 3), new Conv2d(8, 32, 3, groups: 2).Weight.Shape);
        Assert.Equal(new Shape(8, 1, 3, 3), new Conv2d(8, 8, 3, groups: 8, bias: false).Weight.Shape);
    }

    [Fact]
    public void Describe_names_kernel_stride_and_padding()
    {
        Assert.Equal("Conv2d(3 => 16, kernel 3, stride 1, padding 1)", new Conv2d(3, 16, 3, padding: 1).Describe());
        Assert.Equal("Conv2d(8 => 8, kernel 3, stride 1, padding same, dilation 2, groups 8, bias: false)",
            new Conv2d(8, 8, 3, padding: "same", dilation: 2, groups: 8, bias: false).ToString());
        Assert.Equal("MaxPool2d(kernel 2, stride 2)", new MaxPool2d(2).Describe());
        Assert.Equal("AvgPool2d(kernel 3, stride 2, padding 1)", new AvgPool2d(3, 2, 1).Describe());
        Assert.Equal("BatchNorm2d(16)", new BatchNorm2d(16).Describe());
    }

    [Fact]
    public void Conv2d_rejects_a_wrong_input_naming_the_layer_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 3).Forward(Tensor.Zeros([8, 1, 28, 28])));
        Assert.Equal("Conv2d(3 => 16, kernel 3) expects [N, 3, H, W] but got [8, 1, 28, 28].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 3).Forward(Tensor.Zeros([3, 28, 28])));
        Assert.Equal("Conv2d(3 => 16, kernel 3) expects [N, 3, H, W] but got [3, 28, 28].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 5).Forward(Tensor.Zeros([1, 3, 4, 4])));
        Assert.Contains("[1, 3, 4, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BatchNorm2d(16).Forward(Tensor.Zeros([8, 3, 4, 4])));
        Assert.Equal("BatchNorm2d(16) expects [N, 16, H, W] but got [8, 3, 4, 4].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MaxPool2d(2).Forward(Tensor.Zeros([8, 10])));
        Assert.Equal("MaxPool2d(kernel 2, stride 2) expects [N, C, H, W] but got [8, 10].", e.Message);
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 3, stride: 2, padding: "same"));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 3, padding: "full"));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 16, 3, groups: 2));
    }

    [Theory]
    [InlineData(5, 1, "valid", 1, 24)]   // (28 − 5)/1 + 1
    [InlineData(5, 1, "same", 1, 28)]
    [InlineData(4, 1, "same", 1, 28)]    // even kernel: 1 row on top, 2 at the bottom
    [InlineData(3, 1, "same", 2, 28)]    // dilation 2 spans 5
    [InlineData(3, 2, "1", 1, 14)]       // ⌊(28 + 2 − 3)/2⌋ + 1
    [InlineData(5, 2, "valid", 1, 12)]   // ⌊(28 − 5)/2⌋ + 1
    public void Output_sizes_for_valid_same_and_strided_convolutions(int k, int s, string padding, int d, int expected)
    {
        ConvPadding p = int.TryParse(padding, out int amount) ? amount : padding;
        var y = new Conv2d(1, 2, k, stride: s, padding: p, dilation: d).Forward(Tensor.Zeros([1, 1, 28, 28]));
        Assert.Equal(new Shape(1, 2, expected, expected), y.Shape);
    }

    [Fact]
    public void Same_padding_puts_the_odd_row_and_column_at_the_bottom_and_right()
    {
        // total padding d(k − 1): k = 2 → 1 → (top 0, left 0, bottom 1, right 1); k = 4 → 3 → (1, 1, 2, 2)
        Assert.Equal((0, 0, 1, 1), ConvPadding.Same.Resolve(2, 1));
        Assert.Equal((1, 1, 2, 2), ConvPadding.Same.Resolve(4, 1));
        Assert.Equal((2, 2, 2, 2), ConvPadding.Same.Resolve(3, 2));
        var conv = new Conv2d(2, 3, 2, padding: "same", random: new Random(1), dtype: DType.Float64);
        var x = Tensor.Uniform([2, 2, 4, 5], -1, 1, new Random(2), DType.Float64);
        var expected = ConvReference.Conv2d(x.ToArray<double>(), [2, 2, 4, 5], conv.Weight.ToArray<double>(), [3, 2, 2, 2],
            conv.Bias!.ToArray<double>(), (1, 1), (0, 0, 1, 1), (1, 1), 1, out _);
        Naive.AssertClose(expected, conv.Forward(x).ToArray<double>());
    }

    [Theory]
    [InlineData(3, 1, 1, 1, 1)]
    [InlineData(3, 2, 1, 1, 1)]
    [InlineData(3, 1, 2, 1, 1)]
    [InlineData(3, 1, 1, 1, 2)]
    [InlineData(3, 1, 1, 1, 4)]
    [InlineData(1, 1, 0, 1, 1)]
    [InlineData(4, 1, -1, 1, 1)]  // -1: "same" with an even kernel (asymmetric)
    [InlineData(3, 1, 1, 2, 1)]
    public void Conv2d_layer_passes_the_gradient_check(int k, int s, int p, int d, int groups)
    {
        ConvPadding padding = p < 0 ? "same" : p == 1 && d == 2 ? "same" : p;
        var conv = new Conv2d(4, 4, k, stride: s, padding: padding, dilation: d, groups: groups, random: new Random(3), dtype: DType.Float64);
        Init.NormalWith(0.5)(conv.Bias!, new Random(4));
        AssertModuleGradients(conv, Leaf([2, 4, 6, 5], 5));
    }

    [Fact]
    public void Conv2d_float32_forward_equals_float64()
    {
        var conv = new Conv2d(3, 5, 3, stride: 2, padding: 1, random: new Random(1));
        var x = Tensor.Uniform([2, 3, 9, 8], -1, 1, new Random(2));
        var y32 = conv.Forward(x).To(DType.Float64).ToArray<double>();
        conv.To(DType.Float64);
        var y64 = conv.Forward(x.To(DType.Float64)).ToArray<double>();
        Naive.AssertClose(y64, y32, 1e-5);
    }

    [Fact]
    public void Default_init_is_he_normal_with_fan_in_c_over_g_times_k_squared()
    {
        // std = √(2 / fan_in), fan_in = 64·3·3 = 576
        var w = new Conv2d(64, 128, 3, random: new Random(7)).Weight.ToArray<float>();
        double mean = w.Average(v => (double)v), std = Math.Sqrt(w.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(Math.Sqrt(2.0 / 576), std, 3);
        Assert.Equal(0, mean, 3);
    }

    [Fact]
    public void BatchNorm2d_passes_the_gradient_check()
    {
        var bn = new BatchNorm2d(3, dtype: DType.Float64);
        Init.NormalWith(0.5)(bn.Weight, new Random(1));
        Init.NormalWith(0.5)(bn.Bias, new Random(2));
        AssertModuleGradients(bn, Leaf([2, 3, 3, 2], 3));
    }

    [Fact]
    public void BatchNorm2d_keeps_running_statistics_per_channel()
    {
        // x[n, c, 0, :]: channel 0 holds {1, 2, 3, 4}, channel 1 holds {10, 20, 30, 40} (m = N·H·W = 4).
        // Channel 0: μ = 2.5, σ² = 1.25 (biased), unbiased 1.25·4/3; channel 1: μ = 25, σ² = 125, unbiased 125·4/3.
        // running_mean = 0.9·0 + 0.1·μ; running_var = 0.9·1 + 0.1·σ²·m/(m − 1).
        var bn = new BatchNorm2d(2, momentum: 0.1, dtype: DType.Float64);
        var x = Tensor.FromArray([1.0, 2, 10, 20, 3, 4, 30, 40], [2, 2, 1, 2]);
        var y = bn.Forward(x).ToArray<double>();
        Naive.AssertClose([0.25, 2.5], bn.RunningMean.ToArray<double>());
        Naive.AssertClose([0.9 + 0.1 * 1.25 * 4 / 3, 0.9 + 0.1 * 125 * 4 / 3], bn.RunningVariance.ToArray<double>());
        Assert.Equal(1, bn.BatchesTracked.ToArray<int>()[0]);
        Assert.Equal(0, y[0] + y[1] + y[4] + y[5], 12);       // channel 0 normalized
        Assert.Equal(-y[2], y[7], 12);                       // channel 1: (10 − 25) = −(40 − 25)

        bn.Eval();
        var z = bn.Forward(x).ToArray<double>();
        var rm = bn.RunningMean.ToArray<double>();
        var rv = bn.RunningVariance.ToArray<double>();
        Assert.Equal((1 - rm[0]) / Math.Sqrt(rv[0] + 1e-5), z[0], 12);
        Assert.Equal((40 - rm[1]) / Math.Sqrt(rv[1] + 1e-5), z[7], 12);
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], bn.NamedBuffers().Select(b => b.Name));
    }

    [Fact]
    public void Pooling_padding_and_flatten_layers_pass_the_gradient_check()
    {
        foreach (var m in new Module[]
                 {
                     new MaxPool2d(2), new MaxPool2d(3, 2, 1), new AvgPool2d(2), new AvgPool2d(3, 1, 1, countIncludePad: false),
                     new AdaptiveAvgPool2d(2, 3), new GlobalAvgPool2d(), new ZeroPad2d(1), new ZeroPad2d(0, 2, 1, 0), new Flatten(),
                 })
            AssertModuleGradients(m, Leaf([2, 2, 5, 6], 6));
    }

    [Fact]
    public void Shape_layers_produce_the_documented_shapes()
    {
        var x = Tensor.Zeros([8, 3, 7, 6]);
        Assert.Equal(new Shape(8, 3, 3, 3), new MaxPool2d(2).Forward(x).Shape);
        Assert.Equal(new Shape(8, 3, 4, 3), new AvgPool2d(3, 2, 1).Forward(x).Shape);
        Assert.Equal(new Shape(8, 3, 1, 1), new AdaptiveAvgPool2d(1).Forward(x).Shape);
        Assert.Equal(new Shape(8, 3), new GlobalAvgPool2d().Forward(x).Shape);
        Assert.Equal(new Shape(8, 3, 10, 9), new ZeroPad2d(1, 2, 0, 3).Forward(x).Shape);
        Assert.Equal(new Shape(8, 126), new Flatten().Forward(x).Shape);
        var padded = new ZeroPad2d(1).Forward(Tensor.Ones([1, 1, 1, 2], DType.Float64)).ToArray<double>();
        Assert.Equal([0.0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], padded);
    }

    [Fact]
    public void A_small_cnn_prints_its_summary_and_passes_the_gradient_check()
    {
        var model = new Sequential(
            new Conv2d(1, 2, 3, padding: "same", bias: false, random: new Random(1), dtype: DType.Float64),
            new BatchNorm2d(2, dtype: DType.Float64),
            new Tanh(),
            new MaxPool2d(2),
            new Conv2d(2, 3, 3, padding: 1, random: new Random(2), dtype: DType.Float64),
            new GlobalAvgPool2d(),
            new Dense(3, 2, random: new Random(3), dtype: DType.Float64));
        var summary = model.Summary([4, 1, 6, 6]);
        Assert.Contains("[4, 2, 3, 3]", summary);
        Assert.Contains("[4, 3]", summary);
        Assert.Equal(18 + 4 + 54 + 3 + 8, model.ParameterCount);
        AssertModuleGradients(model, Leaf([4, 1, 6, 6], 7));
    }
}
