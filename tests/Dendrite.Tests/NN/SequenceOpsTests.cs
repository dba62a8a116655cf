using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Support;
using F = Dendrite.NN.Functional;

namespace Dendrite.Tests.NN;

/// <summary>Embedding, one-hot, clamp, gradient clipping and numpy's weighted choice.</summary>
public class SequenceOpsTests
{
    [Fact]
    public void Embedding_looks_up_rows_and_sends_the_gradient_only_to_the_rows_used()
    {
        var embedding = new Embedding(6, 3, paddingIndex: 5, random: new Random(1), dtype: DType.Float64);
        var table = embedding.Weight.ToArray<double>();
        var indices = Tensor.FromArray(new[] { 2, 0, 2, 5 }, [2, 2]);
        var y = embedding.Forward(indices);
        Assert.Equal([2, 2, 3], y.Shape.ToArray());
        var values = y.ToArray<double>();
        Assert.Equal(table[6..9], values[0..3]);           // row 2
        Assert.Equal(table[0..3], values[3..6]);           // row 0
        Assert.Equal(new double[3], values[9..12]);        // the padding row looks up zeros
        var weights = Tensor.FromArray(Enumerable.Range(1, 12).Select(v => (double)v).ToArray(), [2, 2, 3]);
        (y * weights).Sum().Backward();
        var grad = embedding.Weight.Grad!.ToArray<double>();
        Assert.Equal(new double[] { 4, 5, 6 }, grad[0..3]);
        Assert.Equal(new double[] { 1 + 7, 2 + 8, 3 + 9 }, grad[6..9]); // repeated index 2 accumulates
        Assert.All(grad[3..6].Concat(grad[9..15]), g => Assert.Equal(0, g));
        Assert.Equal(new double[3], grad[15..18]);         // no gradient into the padding row
    }

    [Fact]
    public void Embedding_renormalizes_only_the_rows_it_looks_up_to_max_norm()
    {
        var embedding = new Embedding(4, 2, maxNorm: 1.0, random: new Random(2), dtype: DType.Float64);
        using (GradMode.NoGrad()) embedding.Weight.Assign(Tensor.FromArray([3.0, 4, 0.3, 0.4, 6, 8, 0, 0.5], [4, 2]));
        embedding.Forward(Tensor.FromArray(new[] { 0, 1 }, [2]));
        var w = embedding.Weight.ToArray<double>();
        Naive.AssertClose([0.6, 0.8], w[0..2], 1e-6);    // norm 5 → 1
        Assert.Equal(new[] { 0.3, 0.4, 6, 8 }, w[2..6]);    // under the bound, and not looked up
    }

    [Fact]
    public void Bad_indices_name_the_index_and_the_table()
    {
        var embedding = new Embedding(4, 2, random: new Random(3));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => embedding.Forward(Tensor.FromArray(new[] { 1, 4 }, [2])));
        Assert.Contains("Embedding index 4 is outside [0, 4)", e.Message);
        Assert.Contains("expects Int32 indices", Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.Zeros([2]))).Message);
    }

    [Fact]
    public void One_hot_rows_have_a_one_at_each_index()
    {
        var y = F.OneHot(Tensor.FromArray(new[] { 2, 0, 1 }, [3]), 4);
        Assert.Equal([3, 4], y.Shape.ToArray());
        Assert.Equal(new float[] { 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0 }, y.ToArray<float>());
    }

    [Fact]
    public void Clamp_limits_values_and_passes_the_gradient_inside_the_bounds()
    {
        var x = Tensor.FromArray([-7.0, -5, -1, 0.5, 5, 9], [6]);
        x.RequiresGrad = true;
        var y = x.Clamp(-5, 5);
        Assert.Equal(new[] { -5.0, -5, -1, 0.5, 5, 5 }, y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal(new[] { 0.0, 1, 1, 1, 1, 0 }, x.Grad!.ToArray<double>()); // 1 at the bounds, as PyTorch
        var z = Tensor.Uniform([3, 4], -2, 2, new Random(4), DType.Float64);
        z.RequiresGrad = true;
        var result = GradCheck.Run(() => (z.Clamp(-1, 1) * z).Sum(), [("z", z)]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Clipping_by_value_clamps_every_gradient_element()
    {
        var p = Tensor.Zeros([3], DType.Float64);
        p.RequiresGrad = true;
        (p * Tensor.FromArray([-9.0, 2, 7], [3])).Sum().Backward();
        GradientClipping.ClipByValue([p], 5);
        Assert.Equal(new[] { -5.0, 2, 5 }, p.Grad!.ToArray<double>());
    }

    [Fact]
    public void Clipping_by_norm_scales_all_gradients_together_and_returns_the_norm()
    {
        var a = Tensor.Zeros([2], DType.Float64);
        var b = Tensor.Zeros([1], DType.Float64);
        a.RequiresGrad = b.RequiresGrad = true;
        ((a * Tensor.FromArray([3.0, 0], [2])).Sum() + (b * 4.0).Sum()).Backward();
        double norm = GradientClipping.ClipByNorm([a, b], 1);
        Assert.Equal(5, norm, 12);
        Naive.AssertClose([0.6, 0, 0.8], [.. a.Grad!.ToArray<double>(), .. b.Grad!.ToArray<double>()], 1e-6);
        Assert.Equal(1, GradientClipping.ClipByNorm([a, b], 10), 5);        // under the bound: unchanged
        Naive.AssertClose([0.6, 0, 0.8], [.. a.Grad!.ToArray<double>(), .. b.Grad!.ToArray<double>()], 1e-6);
    }

    [Fact]
    public void An_optimizer_clips_before_its_update()
    {
        var p = Tensor.Zeros([2], DType.Float64);
        p.RequiresGrad = true;
        var sgd = new Sgd([p], 1) { ClipValue = 5 };
        (p * Tensor.FromArray([-100.0, 3], [2])).Sum().Backward();
        sgd.Step();
        Assert.Equal(new[] { 5.0, -3 }, p.ToArray<double>());
    }

    [Fact]
    public void Choice_reproduces_numpys_weighted_draws()
    {
        // /usr/bin/python3: np.random.seed(0); [np.random.choice(4, p=[.1, .2, .3, .4]) for _ in range(12)]
        var random = new NumpyRandom(0);
        Assert.Equal([2, 3, 3, 2, 2, 3, 2, 3, 3, 2, 3, 2], Enumerable.Range(0, 12).Select(_ => random.Choice(4, [0.1, 0.2, 0.3, 0.4])));
        // np.random.seed(5); q = [1, 0, 3, 0, 2] / 6: zero-probability outcomes are never drawn
        random = new NumpyRandom(5);
        double[] q = [1 / 6.0, 0, 3 / 6.0, 0, 2 / 6.0];
        Assert.Equal([2, 4, 2, 4, 2, 2, 4, 2, 2, 2, 0, 4], Enumerable.Range(0, 12).Select(_ => random.Choice(5, q)));
        // np.random.seed(7); r = np.random.rand(27); r /= r.sum(); 8 × np.random.choice(range(27), p=r)
        random = new NumpyRandom(7);
        var r = Enumerable.Range(0, 27).Select(_ => random.NextDouble()).ToArray();
        double sum = r.Sum();
        r = [.. r.Select(v => v / sum)];
        Assert.Equal(0.00564391, r[0], 7);
        Assert.Equal([20, 18, 11, 4, 12, 10, 12, 10], Enumerable.Range(0, 8).Select(_ => random.Choice(27, r)));
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() => random.Choice(2, [0.5, 0.6])).Message);
    }

    [Fact]
    public void Sequence_cross_entropy_averages_over_the_steps_not_ignored()
    {
        var random = new Random(8);
        var logits = Tensor.Uniform([2, 3, 4], -2, 2, random, DType.Float64);
        int[] labels = [1, 3, -100, 0, -100, 2];
        var targets = Tensor.FromArray(labels, [2, 3]);
        var z = logits.ToArray<double>();
        double expected = 0;
        int counted = 0;
        for (int i = 0; i < 6; i++)
        {
            if (labels[i] == -100) continue;
            var p = Naive.Softmax(z[(i * 4)..((i + 1) * 4)], 1, 4);
            expected -= Math.Log(p[labels[i]]);
            counted++;
        }
        Assert.Equal(expected / counted, Loss.SequenceCrossEntropy(logits, targets).Item(), 12);
        logits.RequiresGrad = true;
        var result = GradCheck.Run(() => Loss.SequenceCrossEntropy(logits, targets), [("logits", logits)]);
        Assert.True(result.Passed, result.ToString());
        logits.Grad = null;
        Loss.SequenceCrossEntropy(logits, targets).Backward();
        Assert.All(logits.Grad!.ToArray<double>()[8..12], g => Assert.Equal(0, g)); // an ignored step gets no gradient
    }
}
