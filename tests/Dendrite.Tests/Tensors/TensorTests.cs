using Dendrite.Tests.Support;

namespace Dendrite.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void Creation_helpers_fill_as_documented()
    {
        Assert.Equal(new double[6], Tensor.Zeros([2, 3]).ToArray<double>());
        Assert.All(Tensor.Ones([4], DType.Float64).ToArray<double>(), v => Assert.Equal(1, v));
        Assert.All(Tensor.Full([2, 2], 7.5).ToArray<double>(), v => Assert.Equal(7.5, v));
        Assert.Equal([0.0, 0.5, 1.0, 1.5], Tensor.Arange(0, 2, 0.5).ToArray<double>());
        Assert.Equal(DType.Float32, Tensor.Zeros([1]).DType);
    }

    [Fact]
    public void Random_creation_is_reproducible_from_the_seed_and_has_the_right_moments()
    {
        var a = Tensor.Normal([10_000], 1, 2, new Random(5), DType.Float64).ToArray<double>();
        var b = Tensor.Normal([10_000], 1, 2, new Random(5), DType.Float64).ToArray<double>();
        Assert.Equal(a, b);
        double mean = a.Average(), std = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 0.95, 1.05);
        Assert.InRange(std, 1.95, 2.05);
        var u = Tensor.Uniform([1000], -1, 3, new Random(1)).ToArray<double>();
        Assert.All(u, v => Assert.InRange(v, -1, 3));
    }

    [Fact]
    public void Views_share_storage_and_read_strided_elements()
    {
        var x = Tensor.Arange(0, 24, 1, DType.Float64).Reshape(2, 3, 4);
        var t = x.Transpose(0, 2); // [4, 3, 2]
        Assert.Equal(new Shape(4, 3, 2), t.Shape);
        Assert.Equal(x.Get(1, 2, 3), t.Get(3, 2, 1));
        Assert.False(t.IsContiguous);
        Assert.Same(x.Storage, t.Storage);
        var n = x.Narrow(2, 1, 2);
        Assert.Equal([1.0, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22], n.ToArray<double>());
        Assert.Equal([12.0, 13, 14, 15], x[1][0].ToArray<double>());
        var p = x.Permute(1, 2, 0).Contiguous();
        Assert.Equal(x.Get(1, 0, 2), p.Get(0, 2, 1));
    }

    [Fact]
    public void Reshape_infers_minus_one_and_rejects_wrong_counts()
    {
        var x = Tensor.Zeros([4, 6]);
        Assert.Equal(new Shape(3, 8), x.Reshape(3, -1).Shape);
        var e = Assert.Throws<ArgumentException>(() => x.Reshape(5, 5));
        Assert.Contains("[4, 6]", e.Message);
    }

    [Fact]
    public void Broadcasting_follows_numpy_rules()
    {
        var a = Tensor.FromArray([1.0, 2, 3], [3, 1]);
        var b = Tensor.FromArray([10.0, 20], [2]);
        Assert.Equal([11.0, 21, 12, 22, 13, 23], (a + b).ToArray<double>());
        Assert.Equal([10.0, 20, 20, 40, 30, 60], (a * b).ToArray<double>());
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]) + Tensor.Zeros([4]));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void MatMul_matches_a_naive_product_including_transposed_views()
    {
        var rng = new Random(3);
        var a = Tensor.Uniform([7, 5], -1, 1, rng, DType.Float64);
        var b = Tensor.Uniform([5, 9], -1, 1, rng, DType.Float64);
        var expected = Naive.MatMul(a.ToArray<double>(), b.ToArray<double>(), 7, 5, 9);
        Naive.AssertClose(expected, a.MatMul(b).ToArray<double>());
        Naive.AssertClose(expected, a.T.Contiguous().T.MatMul(b.T.Contiguous().T).ToArray<double>());
        var e = Assert.Throws<ArgumentException>(() => a.MatMul(a));
        Assert.Contains("[7, 5]", e.Message);
    }

    [Fact]
    public void Softmax_is_stable_for_huge_logits()
    {
        var x = Tensor.FromArray([1000.0, 1001, 1002, -1000, 0, 1000], [2, 3]);
        var y = x.Softmax().ToArray<double>();
        Naive.AssertClose(Naive.Softmax(x.ToArray<double>(), 2, 3), y);
        var logp = x.LogSoftmax().ToArray<double>();
        Assert.All(logp, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(Math.Log(y[0]), logp[0], 12);
        var f = Tensor.FromArray([90f, 0f, -90f]).Softmax().ToArray<double>();
        Assert.All(f, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Reductions_along_axes()
    {
        var x = Tensor.Arange(0, 6, 1, DType.Float64).Reshape(2, 3);
        Assert.Equal([3.0, 5, 7], x.Sum(0).ToArray<double>());
        Assert.Equal([3.0, 12], x.Sum(1).ToArray<double>());
        Assert.Equal(new Shape(2, 1), x.Sum(1, keepDim: true).Shape);
        Assert.Equal([1.0, 4], x.Mean(1).ToArray<double>());
        Assert.Equal(2.5, x.Mean().Item());
        Assert.Equal([2, 2], x.ArgMax(1).ToArray<int>());
        Assert.Equal([3.0, 4, 5], x.Max(0).ToArray<double>());
    }

    [Fact]
    public void Dtype_conversion_and_errors_name_both_dtypes()
    {
        var f = Tensor.FromArray([1.5f, -2f]);
        Assert.Equal(DType.Float64, f.To(DType.Float64).DType);
        Assert.Equal([1.5, -2.0], f.To(DType.Float64).ToArray<double>());
        var e = Assert.Throws<ArgumentException>(() => f + Tensor.FromArray([1.0, 2.0]));
        Assert.Contains("Float32", e.Message);
        Assert.Contains("Float64", e.Message);
    }

    [Fact]
    public void ToString_shows_values_dtype_and_shape_and_elides_long_axes()
    {
        Assert.Equal("[[1.0000, 2.0000], [3.0000, 4.0000]] Float32 [2, 2]", Tensor.FromArray([1f, 2, 3, 4], [2, 2]).ToString());
        var s = Tensor.Arange(0, 100).ToString();
        Assert.StartsWith("[0.0000, 1.0000, 2.0000, …, 97.0000, 98.0000, 99.0000]", s);
        Assert.Equal("[1, 2] Int32 [2]", Tensor.FromArray([1, 2]).ToString());
    }

    [Fact]
    public void Losses_match_their_formulas_and_stay_finite_at_the_edges()
    {
        // BCE from probabilities at exactly 0 and 1 is clamped (log ≥ −100), so it stays finite.
        var p = Tensor.FromArray([0.0, 1.0, 0.25]);
        var y = Tensor.FromArray([1.0, 1.0, 0.0]);
        double expected = (100 + 0 - Math.Log(0.75)) / 3;
        Assert.Equal(expected, Dendrite.NN.Loss.BinaryCrossEntropy(p, y).Item(), 12);
        // From logits: matches −mean(y log σ(z) + (1−y) log(1−σ(z))) and is finite at |z| = 800.
        var z = Tensor.FromArray([0.3, -2.0, 800.0, -800.0]);
        var t = Tensor.FromArray([1.0, 0.0, 0.0, 0.0]);
        double s0 = 1 / (1 + Math.Exp(-0.3)), s1 = 1 / (1 + Math.Exp(2.0));
        double reference = (-Math.Log(s0) - Math.Log(1 - s1) + 800 + 0) / 4;
        Assert.Equal(reference, Dendrite.NN.Loss.BinaryCrossEntropyWithLogits(z, t).Item(), 10);
        // Softmax cross-entropy with labels equals −mean log softmax at the label.
        var logits = Tensor.FromArray([1.0, 2, 3, 1, 1, 1], [2, 3]);
        var sm = Naive.Softmax(logits.ToArray<double>(), 2, 3);
        double ce = -(Math.Log(sm[2]) + Math.Log(sm[3])) / 2;
        Assert.Equal(ce, Dendrite.NN.Loss.CrossEntropy(logits, Tensor.FromArray([2, 0])).Item(), 12);
        Assert.Equal(ce, Dendrite.NN.Loss.CrossEntropy(logits, Dendrite.NN.Loss.OneHot(Tensor.FromArray([2, 0]), 3, DType.Float64)).Item(), 12);
        var bad = Assert.Throws<ArgumentException>(() => Dendrite.NN.Loss.CrossEntropy(logits, Tensor.FromArray([3, 0])));
        Assert.Contains("Label 3", bad.Message);
        Assert.Equal(2.5, Dendrite.NN.Loss.MeanSquaredError(Tensor.FromArray([1.0, 2]), Tensor.FromArray([0.0, 4])).Item(), 12);
    }
}
