using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tests.Support;
using F = Dendrite.NN.Functional;

namespace Dendrite.Tests.NN;

/// <summary>Scaled dot-product attention, its masks, positional encodings and layer norm against their definitions.</summary>
public class AttentionTests
{
    [Fact]
    public void Causal_attention_never_looks_ahead_and_each_row_sums_to_one()
    {
        var random = new Random(1);
        var q = Tensor.Uniform([2, 4, 3], -1, 1, random, DType.Float64);
        var k = Tensor.Uniform([2, 4, 3], -1, 1, random, DType.Float64);
        var v = Tensor.Uniform([2, 4, 5], -1, 1, random, DType.Float64);
        var (output, weights) = F.ScaledDotProductAttention(q, k, v, causal: true);
        Assert.Equal([2, 4, 5], output.Shape.ToArray());
        var w = weights.ToArray<double>();
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(1, Enumerable.Range(0, 4).Sum(j => w[(b * 4 + i) * 4 + j]), 12);
                for (int j = i + 1; j < 4; j++) Assert.Equal(0, w[(b * 4 + i) * 4 + j]);
            }
        // the first query sees only the first key: its output is that value row
        Naive.AssertClose(v.Narrow(1, 0, 1).Contiguous().ToArray<double>(), output.Narrow(1, 0, 1).Contiguous().ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Attention_is_softmax_of_scaled_scores_times_values()
    {
        var q = Tensor.FromArray([1.0, 0], [1, 1, 2]);
        var k = Tensor.FromArray([1.0, 0, 0, 1], [1, 2, 2]);
        var v = Tensor.FromArray([10.0, 20], [1, 2, 1]);
        var (output, weights) = F.ScaledDotProductAttention(q, k, v);
        double a = Math.Exp(1 / Math.Sqrt(2)), b = 1;
        Naive.AssertClose([a / (a + b), b / (a + b)], weights.ToArray<double>(), 1e-12);
        Assert.Equal((10 * a + 20 * b) / (a + b), output.Item(), 12);
        q.RequiresGrad = k.RequiresGrad = v.RequiresGrad = true;
        var result = GradCheck.Run(() => F.ScaledDotProductAttention(q, k, v).Output.Sum(), [("q", q), ("k", k), ("v", v)]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Positional_encoding_follows_the_papers_sines_and_cosines()
    {
        var table = PositionalEncoding.Table(6, 4).ToArray<double>();
        for (int pos = 0; pos < 6; pos++)
        {
            Assert.Equal(Math.Sin(pos), table[pos * 4], 12);
            Assert.Equal(Math.Cos(pos), table[pos * 4 + 1], 12);
            Assert.Equal(Math.Sin(pos / 100.0), table[pos * 4 + 2], 12);
            Assert.Equal(Math.Cos(pos / 100.0), table[pos * 4 + 3], 12);
        }
        var x = Tensor.Zeros([3, 2, 4], DType.Float64);
        var y = new PositionalEncoding(4, 10, dtype: DType.Float64).Forward(x).ToArray<double>();
        Assert.Equal(table[4..8], y[8..12]); // position 1, second sequence
    }

    [Fact]
    public void Layer_norm_normalizes_each_row()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, -1, 0, 0, 1], [2, 4]);
        var y = new LayerNorm(4, dtype: DType.Float64).Forward(x).ToArray<double>();
        double sd = Math.Sqrt(1.25 + 1e-5);
        Naive.AssertClose([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd], y[0..4], 1e-12);
        Assert.Equal(0, y[4..8].Sum(), 12);
        Assert.Contains("expects [*, 4] but got [2, 3]", Assert.Throws<ArgumentException>(() => new LayerNorm(4).Forward(Tensor.Zeros([2, 3]))).Message);
    }
}
