using Dendrite.NN;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Autograd;

/// <summary>Every differentiable op passes the course's gradient check (float64, difference &lt; 2e-7).</summary>
public class OpGradientTests
{
    [Fact] public void Add_with_broadcasting() => AssertCorrect(t => t[0] + t[1], Leaf([4, 3], 1), Leaf([3], 2));
    [Fact] public void Subtract_with_broadcasting() => AssertCorrect(t => t[0] - t[1], Leaf([4, 1], 1), Leaf([2, 1, 5], 2));
    [Fact] public void Multiply_with_broadcasting() => AssertCorrect(t => t[0] * t[1], Leaf([4, 3], 1), Leaf([4, 1], 2));
    [Fact] public void Multiply_by_scalar_tensor() => AssertCorrect(t => t[0] * t[1], Leaf([4, 3], 1), Leaf([], 2));
    [Fact] public void Divide_with_broadcasting() => AssertCorrect(t => t[0] / t[1], Leaf([3, 4], 1), Leaf([4], 2, 0.5, 2));
    [Fact] public void Scalar_affine_forms() => AssertCorrect(t => (3 - t[0] * 2) / 4 + 1, Leaf([5], 1));
    [Fact] public void Reciprocal() => AssertCorrect(t => 2 / t[0], Leaf([5], 1, 0.5, 2));
    [Fact] public void Pow() => AssertCorrect(t => t[0].Pow(3), Leaf([6], 1));
    [Fact] public void Square_and_sqrt() => AssertCorrect(t => t[0].Square() + t[0].Sqrt(), Leaf([6], 1, 0.2, 2));
    [Fact] public void Exp() => AssertCorrect(t => t[0].Exp(), Leaf([3, 3], 1));
    [Fact] public void Log() => AssertCorrect(t => t[0].Log(), Leaf([3, 3], 1, 0.1, 3));
    [Fact] public void Abs() => AssertCorrect(t => t[0].Abs(), Leaf([3, 3], 1));
    [Fact] public void Sigmoid() => AssertCorrect(t => t[0].Sigmoid(), Leaf([3, 4], 1, -6, 6));
    [Fact] public void Tanh() => AssertCorrect(t => t[0].Tanh(), Leaf([3, 4], 1));
    [Fact] public void Relu() => AssertCorrect(t => t[0].Relu(), Leaf([3, 4], 1));
    [Fact] public void LeakyRelu_default_slope() => AssertCorrect(t => t[0].LeakyRelu(), Leaf([3, 4], 1));
    [Fact] public void LeakyRelu_custom_slope() => AssertCorrect(t => t[0].LeakyRelu(0.2), Leaf([3, 4], 1));
    [Fact] public void Softmax_last_axis() => AssertCorrect(t => t[0].Softmax(), Leaf([3, 5], 1));
    [Fact] public void Softmax_first_axis() => AssertCorrect(t => t[0].Softmax(0), Leaf([3, 5], 1));
    [Fact] public void LogSoftmax() => AssertCorrect(t => t[0].LogSoftmax(), Leaf([4, 5], 1));
    [Fact] public void LogSoftmax_middle_axis() => AssertCorrect(t => t[0].LogSoftmax(1), Leaf([2, 3, 4], 1));
    [Fact] public void Sum_all() => AssertCorrect(t => t[0].Sum(), Leaf([3, 4], 1));
    [Fact] public void Sum_axis() => AssertCorrect(t => t[0].Sum(1), Leaf([2, 3, 4], 1));
    [Fact] public void Sum_axis_keepdim() => AssertCorrect(t => t[0].Sum(0, keepDim: true), Leaf([3, 4], 1));
    [Fact] public void Mean_all_and_axis() => AssertCorrect(t => t[0].Mean(-1) + t[0].Mean(), Leaf([3, 4], 1));
    [Fact] public void Max_axis() => AssertCorrect(t => t[0].Max(1), Leaf([3, 5], 1));
    [Fact] public void MatMul() => AssertCorrect(t => t[0].MatMul(t[1]), Leaf([3, 4], 1), Leaf([4, 5], 2));
    [Fact] public void MatMul_of_transposed_views() => AssertCorrect(t => t[0].T.MatMul(t[1].T), Leaf([4, 3], 1), Leaf([5, 4], 2));
    [Fact] public void MatMul_rank3_by_matrix() => AssertCorrect(t => t[0].MatMul(t[1]), Leaf([2, 3, 4], 1), Leaf([4, 2], 2));
    [Fact] public void MatMul_batched() => AssertCorrect(t => t[0].MatMul(t[1]), Leaf([2, 3, 4], 1), Leaf([2, 4, 2], 2));
    [Fact] public void Linear_with_bias() => AssertCorrect(t => t[0].Linear(t[1], t[2]), Leaf([5, 4], 1), Leaf([3, 4], 2), Leaf([3], 3));
    [Fact] public void Linear_without_bias() => AssertCorrect(t => t[0].Linear(t[1]), Leaf([5, 4], 1), Leaf([3, 4], 2));
    [Fact] public void Reshape_and_flatten() => AssertCorrect(t => t[0].Reshape(3, -1).Flatten() * t[0].Reshape(3, 4), Leaf([2, 6], 1));
    [Fact] public void Transpose_and_permute() => AssertCorrect(t => t[0].Permute(2, 0, 1).Transpose(0, 1), Leaf([2, 3, 4], 1));
    [Fact] public void Narrow_and_index() => AssertCorrect(t => t[0].Narrow(1, 1, 2) + t[0][1].Narrow(0, 0, 2), Leaf([3, 4], 1));
    [Fact] public void Expand() => AssertCorrect(t => t[0].Expand([4, 3]), Leaf([1, 3], 1));
    [Fact] public void Unsqueeze_and_squeeze() => AssertCorrect(t => t[0].Unsqueeze(0).Squeeze(0).Unsqueeze(-1), Leaf([3, 2], 1));
    [Fact] public void Concat() => AssertCorrect(t => Tensor.Concat([t[0], t[1]], 1), Leaf([2, 3], 1), Leaf([2, 2], 2));
    [Fact] public void Stack() => AssertCorrect(t => Tensor.Stack([t[0], t[1]]), Leaf([2, 3], 1), Leaf([2, 3], 2));
    [Fact] public void Dtype_round_trip() => AssertCorrect(t => t[0].To(DType.Float32).To(DType.Float64) * 0 + t[0], Leaf([3], 1));

    [Fact]
    public void Binary_cross_entropy_with_logits() =>
        AssertCorrect(t => Loss.BinaryCrossEntropyWithLogits(t[0], t[1]), Leaf([6, 1], 1, -5, 5), Leaf([6, 1], 2, 0, 1));

    [Fact]
    public void Binary_cross_entropy_from_probabilities() =>
        AssertCorrect(t => Loss.BinaryCrossEntropy(t[0], Tensor.FromArray([1.0, 0, 1, 0, 1], [5])), Leaf([5], 1, 0.05, 0.95));

    [Fact]
    public void Cross_entropy_with_class_indices() =>
        AssertCorrect(t => Loss.CrossEntropy(t[0], Tensor.FromArray([2, 0, 1, 2])), Leaf([4, 3], 1));

    [Fact]
    public void Cross_entropy_with_probability_targets() =>
        AssertCorrect(t => Loss.CrossEntropy(t[0], Tensor.FromArray([0.2, 0.8, 0, 1, 0, 0], [2, 3])), Leaf([2, 3], 1));

    [Fact]
    public void Mean_squared_error_both_arguments() =>
        AssertCorrect(t => Loss.MeanSquaredError(t[0], t[1]), Leaf([3, 2], 1), Leaf([3, 2], 2));
}

public class IndexOpTests
{
    [Fact]
    public void SelectRows_with_repeats_passes_the_gradient_check() =>
        AssertCorrect(t => t[0].SelectRows([2, 0, 2]), Leaf([3, 4], 1));

    [Fact]
    public void SelectRows_copies_the_chosen_rows_and_rejects_bad_indices()
    {
        var x = Tensor.Arange(0, 6).Reshape(3, 2);
        Assert.Equal([4.0, 5, 0, 1], x.SelectRows([2, 0]).ToArray<double>());
        Assert.Equal([2, 1], Tensor.FromArray([1, 2, 3]).SelectRows([1, 0]).ToArray<int>());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.SelectRows([3]));
        Assert.Contains("Row index 3", e.Message);
    }
}
