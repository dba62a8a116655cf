using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

/// <summary>The course's triplet loss: values against naive double loops for both reductions, and float64 gradient checks.</summary>
public class TripletLossTests
{
    private static double Naive(double[] a, double[] p, double[] n, int rows, int d, double margin, bool mean)
    {
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            double dap = 0, dan = 0;
            for (int k = 0; k < d; k++)
            {
                dap += (a[i * d + k] - p[i * d + k]) * (a[i * d + k] - p[i * d + k]);
                dan += (a[i * d + k] - n[i * d + k]) * (a[i * d + k] - n[i * d + k]);
            }
            sum += Math.Max(dap - dan + margin, 0);
        }
        return mean ? sum / rows : sum;
    }

    [Theory]
    [InlineData(0.2, LossReduction.Mean)]
    [InlineData(0.2, LossReduction.Sum)]
    [InlineData(1.5, LossReduction.Mean)]
    public void Loss_matches_naive_loops(double margin, LossReduction reduction)
    {
        var a = Tensor.Uniform([6, 4], -1, 1, new Random(1), DType.Float64);
        var p = Tensor.Uniform([6, 4], -1, 1, new Random(2), DType.Float64);
        var n = Tensor.Uniform([6, 4], -1, 1, new Random(3), DType.Float64);
        double expected = Naive(a.ToArray<double>(), p.ToArray<double>(), n.ToArray<double>(), 6, 4, margin, reduction == LossReduction.Mean);
        Assert.True(expected > 0);
        Assert.Equal(expected, Loss.TripletLoss(a, p, n, margin, reduction).Item(), 13);
    }

    [Fact]
    public void The_course_example_costs_what_the_formula_says()
    {
        // Anchor at the origin, positive at distance² 0.25, negatives at distance² 1 and 0.3:
        // max(0.25 − 1 + 0.2, 0) = 0 and max(0.25 − 0.3 + 0.2, 0) = 0.15.
        var a = Tensor.FromArray(new double[] { 0, 0, 0, 0 }, [2, 2]);
        var p = Tensor.FromArray(new double[] { 0.5, 0, 0, 0.5 }, [2, 2]);
        var n = Tensor.FromArray(new double[] { 0, 1, Math.Sqrt(0.3), 0 }, [2, 2]);
        Assert.Equal(0.15, Loss.TripletLoss(a, p, n, reduction: LossReduction.Sum).Item(), 12);
        Assert.Equal(0.075, Loss.TripletLoss(a, p, n).Item(), 12);
    }

    [Fact]
    public void Images_are_flattened_per_row_and_wrong_shapes_are_named()
    {
        var a = Tensor.Uniform([3, 2, 2], -1, 1, new Random(4), DType.Float64);
        var p = Tensor.Uniform([3, 2, 2], -1, 1, new Random(5), DType.Float64);
        var n = Tensor.Uniform([3, 2, 2], -1, 1, new Random(6), DType.Float64);
        Assert.Equal(Loss.TripletLoss(a.Reshape(3, 4), p.Reshape(3, 4), n.Reshape(3, 4)).Item(), Loss.TripletLoss(a, p, n).Item(), 14);
        var e = Assert.Throws<ArgumentException>(() => Loss.TripletLoss(Tensor.Zeros([3, 4]), Tensor.Zeros([3, 4]), Tensor.Zeros([2, 4])));
        Assert.Contains("[2, 4]", e.Message);
    }

    // Margin 3 keeps every triplet of values in [−1, 1] active, so the hinge's kink is far from the probes.
    [Fact] public void Gradient_mean() => AssertCorrect(t => Loss.TripletLoss(t[0], t[1], t[2], margin: 3), Leaf([5, 3], 1, -1, 1), Leaf([5, 3], 2, -1, 1), Leaf([5, 3], 3, -1, 1));

    [Fact] public void Gradient_sum_with_inactive_triplets() =>
        AssertCorrect(t => Loss.TripletLoss(t[0], t[1], t[2], margin: 0.2, reduction: LossReduction.Sum), Leaf([8, 3], 4, -1, 1), Leaf([8, 3], 5, -1, 1), Leaf([8, 3], 6, -1, 1));
}
