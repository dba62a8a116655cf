using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

/// <summary>
/// L2 normalization (F.normalize) and pairwise squared distances: values against naive double loops, and float64
/// gradient checks, including the clamped-norm branch and the symmetric batch matrix.
/// </summary>
public class MetricOpsTests
{
    [Fact]
    public void Normalize_matches_a_naive_loop_along_every_axis()
    {
        var x = Tensor.Uniform([2, 3, 4], -2, 2, new Random(1), DType.Float64);
        var v = x.ToArray<double>();
        for (int axis = 0; axis < 3; axis++)
        {
            var y = Functional.Normalize(x, axis).ToArray<double>();
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 4; k++)
                    {
                        double norm = 0;
                        for (int t = 0; t < x.Shape[axis]; t++)
                        {
                            int[] at = [i, j, k];
                            at[axis] = t;
                            norm += v[(at[0] * 3 + at[1]) * 4 + at[2]] * v[(at[0] * 3 + at[1]) * 4 + at[2]];
                        }
                        int flat = (i * 3 + j) * 4 + k;
                        Assert.Equal(v[flat] / Math.Sqrt(norm), y[flat], 14);
                    }
        }
    }

    [Fact]
    public void Normalize_gives_unit_rows_and_divides_small_rows_by_epsilon()
    {
        var x = Tensor.FromArray(new double[] { 3, 4, 0, 0, 1e-4, -2e-4 }, [3, 2]);
        var y = Functional.Normalize(x, epsilon: 1e-3).ToArray<double>();
        Assert.Equal([0.6, 0.8, 0, 0, 0.1, -0.2], y.Select(e => Math.Round(e, 12)));
        var layer = new L2Normalize();
        var rows = layer.Forward(Tensor.Uniform([5, 7], -1, 1, new Random(2))).ToArray<float>();
        for (int r = 0; r < 5; r++)
            Assert.Equal(1.0, rows.Skip(7 * r).Take(7).Sum(e => (double)e * e), 5);
    }

    [Fact] public void Normalize_last_axis_gradient() => AssertCorrect(t => Functional.Normalize(t[0]), Leaf([4, 5], 1));

    [Fact] public void Normalize_middle_axis_gradient() => AssertCorrect(t => Functional.Normalize(t[0], axis: 1), Leaf([2, 3, 4], 2));

    // Rows of norm < ε: y = x/ε, so ∂y/∂x = I/ε.
    [Fact] public void Normalize_clamped_norm_gradient() => AssertCorrect(t => Functional.Normalize(t[0], epsilon: 5), Leaf([3, 4], 3, -1, 1));

    [Fact]
    public void Pairwise_squared_distances_match_a_naive_loop()
    {
        var x = Tensor.Uniform([4, 3], -2, 2, new Random(4), DType.Float64);
        var y = Tensor.Uniform([5, 3], -2, 2, new Random(5), DType.Float64);
        double[] xs = x.ToArray<double>(), ys = y.ToArray<double>();
        var d = Functional.PairwiseSquaredDistances(x, y);
        Assert.Equal(new Shape(4, 5), d.Shape);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 5; j++)
            {
                double expected = 0;
                for (int k = 0; k < 3; k++) expected += (xs[i * 3 + k] - ys[j * 3 + k]) * (xs[i * 3 + k] - ys[j * 3 + k]);
                Assert.Equal(expected, d.Get(i, j), 13);
            }
        var self = Functional.PairwiseSquaredDistances(x, x);
        for (int i = 0; i < 4; i++) Assert.Equal(0.0, self.Get(i, i));
    }

    [Fact] public void Pairwise_squared_distances_gradient_for_both_inputs() =>
        AssertCorrect(t => Functional.PairwiseSquaredDistances(t[0], t[1]), Leaf([4, 3], 6), Leaf([5, 3], 7));

    [Fact] public void Pairwise_squared_distances_gradient_of_one_batch_against_itself() =>
        AssertCorrect(t => Functional.PairwiseSquaredDistances(t[0], t[0]), Leaf([5, 3], 8));

    [Fact]
    public void Wrong_shapes_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.PairwiseSquaredDistances(Tensor.Zeros([4, 3]), Tensor.Zeros([5, 2])));
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[5, 2]", e.Message);
    }
}
