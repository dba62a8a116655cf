using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

public class DropoutTests
{
    [Fact]
    public void Inverted_dropout_keeps_about_keep_prob_of_units_scaled_by_its_inverse()
    {
        var d = Dropout.FromKeepProbability(0.86, seed: 1);
        var y = d.Forward(Tensor.Ones([100_000], DType.Float64)).ToArray<double>();
        double kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.InRange(kept, 0.855, 0.865);
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.86) < 1e-12));
        Assert.InRange(y.Average(), 0.99, 1.01); // E[a·d/keep] = a
    }

    [Fact]
    public void Evaluation_mode_is_the_identity()
    {
        var d = new Dropout(0.5, seed: 1);
        d.Eval();
        var x = Tensor.FromArray([1.0, 2, 3]);
        Assert.Same(x, d.Forward(x));
    }

    [Fact]
    public void Masks_repeat_for_the_same_seed_and_draw_count_and_change_between_calls()
    {
        var a = new Dropout(0.5, seed: 3);
        var b = new Dropout(0.5, seed: 3);
        var x = Tensor.Ones([64]);
        var first = a.Forward(x).ToArray<double>();
        Assert.Equal(first, b.Forward(x).ToArray<double>());
        Assert.NotEqual(first, a.Forward(x).ToArray<double>());
        Assert.Equal(2, a.Draws.ToArray<int>()[0]);
    }

    [Fact]
    public void The_gradient_flows_through_kept_units_only()
    {
        var d = new Dropout(0.3, seed: 5);
        var x = Leaf([20], 1);
        var y = d.Forward(x);
        y.Sum().Backward();
        var mask = y.ToArray<double>().Zip(x.ToArray<double>(), (o, i) => o / i).ToArray();
        Assert.Equal(mask, x.Grad!.ToArray<double>(), new Close());
    }

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
