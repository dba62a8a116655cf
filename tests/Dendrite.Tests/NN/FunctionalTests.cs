using Dendrite.Autograd;
using Dendrite.NN;
using F = Dendrite.NN.Functional;

namespace Dendrite.Tests.NN;

/// <summary>The functional API: layers are thin wrappers around it, and a model written with it alone trains and gradient-checks.</summary>
public class FunctionalTests
{
    [Fact]
    public void Layers_compute_exactly_what_their_function_computes()
    {
        var x = Tensor.Uniform([2, 3, 7, 6], -1, 1, new Random(1));
        var same = new Conv2d(3, 5, 3, padding: "same", random: new Random(2));
        Assert.Equal(same.Forward(x).ToArray<float>(), F.Conv2d(x, same.Weight, same.Bias, padding: "same").ToArray<float>());
        var strided = new Conv2d(3, 4, 3, stride: 2, padding: 1, dilation: 2, random: new Random(7));
        Assert.Equal(strided.Forward(x).ToArray<float>(), F.Conv2d(x, strided.Weight, strided.Bias, stride: 2, padding: 1, dilation: 2).ToArray<float>());
        Assert.Contains("needs stride 1", Assert.Throws<ArgumentException>(() => F.Conv2d(x, same.Weight, stride: 2, padding: "same")).Message);
        Assert.Equal(new MaxPool2d(3, 2, 1).Forward(x).ToArray<float>(), F.MaxPool2d(x, 3, 2, 1).ToArray<float>());
        Assert.Equal(new AvgPool2d(2).Forward(x).ToArray<float>(), F.AvgPool2d(x, 2).ToArray<float>());
        var dense = new Dense(6, 4, random: new Random(3));
        Assert.Equal(dense.Forward(x).ToArray<float>(), F.Linear(x, dense.Weight, dense.Bias).ToArray<float>());
        Assert.Equal(new ZeroPad2d(1, 0, 2, 3).Forward(x).ToArray<float>(), F.Pad(x, 1, 0, 2, 3).ToArray<float>());
    }

    [Fact]
    public void Batch_norm_updates_the_running_statistics_as_the_layer_does()
    {
        var x = Tensor.Uniform([4, 3, 2, 2], -2, 5, new Random(4));
        var layer = new BatchNorm2d(3);
        var y = layer.Forward(x);
        Tensor mean = Tensor.Zeros([3]), variance = Tensor.Ones([3]);
        var z = F.BatchNorm(x, mean, variance, Tensor.Ones([3]), Tensor.Zeros([3]), training: true, momentum: 0.1);
        Assert.Equal(y.ToArray<float>(), z.ToArray<float>());
        Assert.Equal(layer.RunningMean.ToArray<float>(), mean.ToArray<float>());
        Assert.Equal(layer.RunningVariance.ToArray<float>(), variance.ToArray<float>());
        layer.Eval();
        Assert.Equal(layer.Forward(x).ToArray<float>(),
            F.BatchNorm(x, mean, variance, Tensor.Ones([3]), Tensor.Zeros([3]), training: false).ToArray<float>());
    }

    [Fact]
    public void Dropout_zeroes_about_p_and_scales_the_rest_only_in_training()
    {
        var x = Tensor.Ones([100, 100]);
        var y = F.Dropout(x, 0.3, new Random(5)).ToArray<float>();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7f) < 1e-6));
        Assert.InRange(y.Count(v => v == 0) / 10_000.0, 0.27, 0.33);
        Assert.Same(x, F.Dropout(x, 0.3, new Random(5), training: false));
    }

    [Fact]
    public void A_model_written_with_functions_alone_passes_the_gradient_check()
    {
        // conv 3x3 "same" → ReLU → max-pool 2 → flatten → linear: every weight and the input get ∂L/∂θ from backprop
        // that agrees with central differences to the course's 2e-7.
        var random = new Random(6);
        Tensor Leaf(int[] shape) { var t = Tensor.Uniform(new Shape(shape), -1, 1, random, DType.Float64); t.RequiresGrad = true; return t; }
        Tensor x = Leaf([2, 2, 4, 4]), w1 = Leaf([3, 2, 3, 3]), b1 = Leaf([3]), w2 = Leaf([4, 12]), b2 = Leaf([4]);
        var labels = Tensor.FromArray([1, 3], [2]);
        var result = GradCheck.Run(
            () => Loss.CrossEntropy(F.Linear(F.Flatten(F.MaxPool2d(F.Relu(F.Conv2d(x, w1, b1, padding: "same")), 2)), w2, b2), labels),
            [("x", x), ("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]);
        Assert.True(result.Passed, result.ToString());
    }
}
