using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

public class BatchNormTests
{
    [Fact]
    public void Training_mode_passes_the_gradient_check_for_input_gamma_and_beta()
    {
        var bn = new BatchNorm1d(3, dtype: DType.Float64);
        Init.NormalWith(0.5)(bn.Weight, new Random(1)); // γ away from 1 so its gradient matters
        var x = Leaf([6, 3], 2);
        var w = Tensor.Uniform([6, 3], 0.5, 1.5, new Random(3), DType.Float64);
        var result = Dendrite.Autograd.GradCheck.Run(() => (bn.Forward(x) * w).Sum(),
            bn.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Training_mode_with_a_length_axis_passes_the_gradient_check()
    {
        var bn = new BatchNorm1d(2, dtype: DType.Float64);
        var x = Leaf([3, 2, 4], 5);
        var w = Tensor.Uniform([3, 2, 4], 0.5, 1.5, new Random(6), DType.Float64);
        var result = Dendrite.Autograd.GradCheck.Run(() => (bn.Forward(x) * w).Sum(), bn.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Output_is_normalized_per_feature_in_training()
    {
        var bn = new BatchNorm1d(2, dtype: DType.Float64);
        var y = bn.Forward(Tensor.FromArray([1.0, 10, 2, 20, 3, 30, 4, 40], [4, 2]));
        var v = y.ToArray<double>();
        for (int c = 0; c < 2; c++)
        {
            var col = new[] { v[c], v[2 + c], v[4 + c], v[6 + c] };
            Assert.Equal(0, col.Average(), 12);
            Assert.Equal(1, col.Select(a => a * a).Average(), 4); // ε = 1e-5 makes it slightly below 1
        }
    }

    [Fact]
    public void Running_statistics_are_exponential_averages_and_used_in_eval()
    {
        // Batch 1: feature means 2.5, 25; biased variances 1.25, 125 → unbiased ×4/3.
        var bn = new BatchNorm1d(2, momentum: 0.1, dtype: DType.Float64);
        var x = Tensor.FromArray([1.0, 10, 2, 20, 3, 30, 4, 40], [4, 2]);
        bn.Forward(x);
        Assert.Equal([0.25, 2.5], bn.RunningMean.ToArray<double>(), new ToleranceComparer(1e-12));
        Assert.Equal([0.9 + 0.1 * 1.25 * 4 / 3, 0.9 + 0.1 * 125 * 4 / 3], bn.RunningVariance.ToArray<double>(), new ToleranceComparer(1e-12));
        bn.Forward(x);
        Assert.Equal([0.9 * 0.25 + 0.25, 0.9 * 2.5 + 2.5], bn.RunningMean.ToArray<double>(), new ToleranceComparer(1e-12));
        Assert.Equal(2, bn.BatchesTracked.ToArray<int>()[0]);

        bn.Eval();
        var y = bn.Forward(Tensor.FromArray([1.0, 2], [1, 2])).ToArray<double>();
        var mean = bn.RunningMean.ToArray<double>();
        var variance = bn.RunningVariance.ToArray<double>();
        Assert.Equal((1 - mean[0]) / Math.Sqrt(variance[0] + 1e-5), y[0], 12);
        Assert.Equal((2 - mean[1]) / Math.Sqrt(variance[1] + 1e-5), y[1], 12);
        Assert.Equal(2, bn.BatchesTracked.ToArray<int>()[0]); // evaluation does not update
    }

    [Fact]
    public void Wrong_input_names_the_layer_and_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm1d(4).Forward(Tensor.Zeros([8, 3])));
        Assert.Contains("BatchNorm1d(4)", e.Message);
        Assert.Contains("[8, 3]", e.Message);
    }

    [Fact]
    public void Buffers_are_named_as_in_pytorch()
    {
        var model = new Sequential(new Dense(3, 4, bias: false), new BatchNorm1d(4));
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"], model.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["0.weight", "1.weight", "1.bias"], model.NamedParameters().Select(p => p.Name));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * (1 + Math.Abs(a));
        public int GetHashCode(double obj) => 0;
    }
}
