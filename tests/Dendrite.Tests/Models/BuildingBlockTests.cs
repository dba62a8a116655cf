using Dendrite.Autograd;
using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Models;

/// <summary>The activations and blocks of the MobileNet, GoogLeNet and EfficientNet families: values and float64 gradient checks.</summary>
public class BuildingBlockTests
{
    /// <summary>Gradient-checks a float64 module's parameters and its input together.</summary>
    private static void AssertModuleGradients(Module m, Tensor x)
    {
        Tensor weights;
        using (GradMode.NoGrad()) weights = Tensor.Uniform(m.Forward(x).Shape, 0.5, 1.5, new Random(99), DType.Float64);
        var result = GradCheck.Run(() => (m.Forward(x) * weights).Sum(), m.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.Difference < 2e-7, result.ToString());
    }

    [Fact]
    public void Relu6_clips_at_zero_and_six()
    {
        var y = Tensor.FromArray([-3.0, 0, 2.5, 6, 9]).Relu6();
        Assert.Equal([0.0, 0, 2.5, 6, 6], y.ToArray<double>());
        var f = new Relu6().Forward(Tensor.FromArray([-1f, 7f]));
        Assert.Equal([0f, 6f], f.ToArray<float>());
    }

    [Fact]
    public void Silu_is_x_times_sigmoid_x()
    {
        double[] x = [-4, -1, 0, 0.5, 3];
        var y = new Silu().Forward(Tensor.FromArray(x)).ToArray<double>();
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] / (1 + Math.Exp(-x[i])), y[i], 15);
    }

    [Fact]
    public void Silu_derivative_matches_the_closed_form()
    {
        // y = x·σ(x) ⇒ dy/dx = σ(x)(1 + x(1 − σ(x))); at x = 0 that is 1/2, at x = 2 it is σ(2)(1 + 2(1 − σ(2)))
        var x = WithGrad(Tensor.FromArray([0.0, 2.0]));
        x.Silu().Sum().Backward();
        double s = 1 / (1 + Math.Exp(-2));
        Assert.Equal([0.5, s * (1 + 2 * (1 - s))], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Hardswish_matches_its_piecewise_definition()
    {
        var y = new Hardswish().Forward(Tensor.FromArray([-4.0, -3, 0, 1.5, 3, 5])).ToArray<double>();
        Assert.Equal([0.0, 0, 0, 1.5 * 4.5 / 6, 3, 5], y);
    }

    [Fact]
    public void Relu6_passes_the_gradient_check() => AssertCorrect(t => t[0].Relu6(), Leaf([4, 5], 1, low: -3, high: 9));

    [Fact]
    public void Silu_passes_the_gradient_check() => AssertCorrect(t => t[0].Silu(), Leaf([4, 5], 2, low: -6, high: 6));

    [Fact]
    public void Hardswish_passes_the_gradient_check() => AssertCorrect(t => t[0].Hardswish(), Leaf([4, 5], 3, low: -5, high: 5));

    [Fact]
    public void Float32_activations_agree_with_float64()
    {
        var x64 = Tensor.Uniform([257], -8, 8, new Random(4), DType.Float64);
        var x32 = x64.To(DType.Float32);
        Func<Tensor, Tensor>[] activations = [t => t.Relu6(), t => t.Silu(), t => t.Hardswish()];
        foreach (var f in activations)
        {
            var a = f(x64).ToArray<double>();
            var b = f(x32).ToArray<float>();
            for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6 * (1 + Math.Abs(a[i])), $"{a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void Concatenate_joins_branch_outputs_along_channels()
    {
        var cat = new Concatenate(new Conv2d(2, 3, 1, random: new Random(1)), new MaxPool2d(3, 1, 1), new Conv2d(2, 4, 3, padding: 1, random: new Random(2)));
        var x = Tensor.Uniform([2, 2, 5, 5], -1, 1, new Random(3));
        var y = cat.Forward(x);
        Assert.Equal(new Shape(2, 3 + 2 + 4, 5, 5), y.Shape);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], cat.NamedParameters().Select(p => p.Name));
        // channels 3 and 4 are the max-pool branch
        var pooled = new MaxPool2d(3, 1, 1).Forward(x).ToArray<float>();
        var middle = y.ToArray<float>().Skip(3 * 25).Take(2 * 25);
        Assert.Equal(pooled.Take(50), middle);
    }

    [Fact]
    public void Concatenate_with_named_branches_uses_the_names()
    {
        var cat = new Concatenate([("branch1", new Conv2d(2, 3, 1)), ("branch2", new Sequential(new Conv2d(2, 1, 1), new Relu()))]);
        Assert.Equal(["branch1.weight", "branch1.bias", "branch2.0.weight", "branch2.0.bias"], cat.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Concatenate_rejects_branches_of_different_spatial_sizes()
    {
        var cat = new Concatenate(new Conv2d(1, 1, 1), new MaxPool2d(2));
        var e = Assert.Throws<ArgumentException>(() => cat.Forward(Tensor.Zeros([1, 1, 4, 4])));
        Assert.Contains("[1, 1, 2, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => new Concatenate());
    }

    [Fact]
    public void Concatenate_passes_the_gradient_check()
    {
        // x feeds every branch, so ∂L/∂x is the sum of the three branches' input gradients
        var cat = new Concatenate(
            new Conv2d(2, 2, 1, random: new Random(1), dtype: DType.Float64),
            new Sequential(new Conv2d(2, 1, 1, random: new Random(2), dtype: DType.Float64), new Silu(),
                           new Conv2d(1, 2, 3, padding: 1, random: new Random(3), dtype: DType.Float64)),
            new Sequential(new MaxPool2d(3, 1, 1), new Conv2d(2, 1, 1, random: new Random(4), dtype: DType.Float64)));
        AssertModuleGradients(cat, Leaf([2, 2, 4, 4], 5));
    }

    [Fact]
    public void SqueezeExcitation_has_torchvision_names_and_scales_channels()
    {
        var se = new SqueezeExcitation(8, 2, new Silu(), new Random(1));
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], se.NamedParameters().Select(p => p.Name));
        Assert.Equal(8 * 2 + 2 + 2 * 8 + 8, se.ParameterCount);
        // with zero weights the gate is σ(0) = 1/2 everywhere
        using (GradMode.NoGrad()) foreach (var p in se.Parameters()) p.Assign(Tensor.Zeros(p.Shape));
        var x = Tensor.Uniform([2, 8, 3, 3], -1, 1, new Random(2));
        var y = se.Forward(x).ToArray<float>();
        var expected = x.ToArray<float>().Select(v => v / 2);
        Assert.Equal(expected, y);
        Assert.Throws<ArgumentException>(() => se.Forward(Tensor.Zeros([2, 4, 3, 3])));
    }

    [Fact]
    public void SqueezeExcitation_passes_the_gradient_check()
    {
        var se = new SqueezeExcitation(4, 2, new Silu(), new Random(6), DType.Float64);
        foreach (var p in se.Parameters()) // non-zero biases so their gradients matter
            if (p.Rank == 1) p.Assign(Tensor.Uniform(p.Shape, -0.5, 0.5, new Random(p.Count), DType.Float64));
        AssertModuleGradients(se, Leaf([2, 4, 3, 3], 7));
    }
}
