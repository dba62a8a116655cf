using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Autograd;

/// <summary>
/// Linear and Conv2d write a leaf weight's first gradient straight into the buffer that becomes its Grad (the spare one
/// after ZeroGrad); these tests check the values against naive sums, that stale contents of a reused buffer never leak,
/// and that a weight used twice still sums both uses.
/// </summary>
public class GradientBufferTests
{
    // L = Σ_{n,o} v[n,o]·y[n,o] with y = x·Wᵀ + b ⇒ ∂L/∂W[o,i] = Σₙ v[n,o]·x[n,i]
    private static double[] NaiveLinearWeightGrad(double[] x, double[] v, int n, int inF, int outF)
    {
        var dw = new double[outF * inF];
        for (int o = 0; o < outF; o++)
            for (int i = 0; i < inF; i++)
                for (int r = 0; r < n; r++) dw[o * inF + i] += v[r * outF + o] * x[r * inF + i];
        return dw;
    }

    [Fact]
    public void Linear_weight_gradient_matches_a_naive_sum_and_reuses_its_buffer_after_ZeroGrad_without_stale_values()
    {
        const int n = 3, inF = 5, outF = 4;
        var w = WithGrad(Tensor.Normal([outF, inF], 0, 1, new Random(1), DType.Float64));
        var b = WithGrad(Tensor.Normal([outF], 0, 1, new Random(2), DType.Float64));
        var x = Tensor.Normal([n, inF], 0, 1, new Random(3), DType.Float64);
        var v1 = Tensor.Uniform([n, outF], -1, 1, new Random(4), DType.Float64);
        (Functional.Linear(x, w, b) * v1).Sum().Backward();
        AssertClose(NaiveLinearWeightGrad(x.ToArray<double>(), v1.ToArray<double>(), n, inF, outF), w.Grad!.ToArray<double>());

        var first = w.Grad!;
        first.Span<double>().Fill(double.NaN); // whatever the released buffer holds must be overwritten, not added to
        w.ZeroGrad();
        b.ZeroGrad();
        var v2 = Tensor.Uniform([n, outF], -1, 1, new Random(5), DType.Float64);
        (Functional.Linear(x, w, b) * v2).Sum().Backward();
        Assert.Same(first, w.Grad);
        AssertClose(NaiveLinearWeightGrad(x.ToArray<double>(), v2.ToArray<double>(), n, inF, outF), w.Grad!.ToArray<double>());
    }

    [Fact]
    public void A_weight_used_by_two_linear_calls_gets_the_sum_of_both_gradients()
    {
        const int n = 2, inF = 3, outF = 3;
        var w = WithGrad(Tensor.Normal([outF, inF], 0, 1, new Random(1), DType.Float64));
        var x1 = Tensor.Normal([n, inF], 0, 1, new Random(2), DType.Float64);
        var x2 = Tensor.Normal([n, inF], 0, 1, new Random(3), DType.Float64);
        var v = Tensor.Uniform([n, outF], -1, 1, new Random(4), DType.Float64);
        ((Functional.Linear(x1, w) + Functional.Linear(x2, w)) * v).Sum().Backward();
        var a = NaiveLinearWeightGrad(x1.ToArray<double>(), v.ToArray<double>(), n, inF, outF);
        var c = NaiveLinearWeightGrad(x2.ToArray<double>(), v.ToArray<double>(), n, inF, outF);
        AssertClose(a.Zip(c, (p, q) => p + q).ToArray(), w.Grad!.ToArray<double>());
    }

    [Fact]
    public void Conv2d_weight_gradient_after_ZeroGrad_equals_the_first_one_and_ignores_stale_values()
    {
        var conv = new Conv2d(2, 3, 3, padding: 1, random: new Random(1), dtype: DType.Float64);
        var x = Tensor.Normal([2, 2, 5, 5], 0, 1, new Random(2), DType.Float64);
        var v = Tensor.Uniform([2, 3, 5, 5], -1, 1, new Random(3), DType.Float64);
        (conv.Forward(x) * v).Sum().Backward();
        var expected = conv.Weight.Grad!.ToArray<double>();
        var buffer = conv.Weight.Grad!;
        buffer.Span<double>().Fill(double.NaN);
        conv.ZeroGrad();
        (conv.Forward(x) * v).Sum().Backward();
        Assert.Same(buffer, conv.Weight.Grad);
        Assert.Equal(expected, conv.Weight.Grad!.ToArray<double>());
        // and the values themselves: ∂L/∂W[o,c,i,j] = Σ_{n,y,x} v[n,o,y,x]·x[n,c,y+i−1,x+j−1]
        var xs = x.ToArray<double>();
        var vs = v.ToArray<double>();
        for (int o = 0; o < 3; o++)
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                    {
                        double sum = 0;
                        for (int n = 0; n < 2; n++)
                            for (int yy = 0; yy < 5; yy++)
                                for (int xx = 0; xx < 5; xx++)
                                {
                                    int r = yy + i - 1, q = xx + j - 1;
                                    if (r < 0 || r >= 5 || q < 0 || q >= 5) continue;
                                    sum += vs[((n * 3 + o) * 5 + yy) * 5 + xx] * xs[((n * 2 + c) * 5 + r) * 5 + q];
                                }
                        Assert.Equal(sum, expected[((o * 2 + c) * 3 + i) * 3 + j], 10);
                    }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }
}
