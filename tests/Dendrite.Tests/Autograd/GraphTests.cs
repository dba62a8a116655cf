using Dendrite.Autograd;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Autograd;

public class GraphTests
{
    [Fact]
    public void Gradient_of_a_polynomial_matches_its_derivative()
    {
        // y = x² + 5x + 4 ⇒ dy/dx = 2x + 5 = 11 at x = 3
        var x = WithGrad(Tensor.Scalar(3, DType.Float64));
        (x * x + 5 * x + 4).Backward();
        Assert.Equal(11, x.Grad!.Item(), 12);
    }

    [Fact]
    public void A_tensor_used_twice_accumulates_both_paths()
    {
        // y = a·b + a ⇒ ∂y/∂a = b + 1, ∂y/∂b = a
        var a = WithGrad(Tensor.FromArray([2.0, -1.0]));
        var b = WithGrad(Tensor.FromArray([3.0, 4.0]));
        (a * b + a).Sum().Backward();
        Assert.Equal([4.0, 5.0], a.Grad!.ToArray<double>());
        Assert.Equal([2.0, -1.0], b.Grad!.ToArray<double>());
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls_until_cleared()
    {
        var x = WithGrad(Tensor.FromArray([1.0, 2.0]));
        (x * 3).Sum().Backward();
        (x * 3).Sum().Backward();
        Assert.Equal([6.0, 6.0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void NoGrad_records_nothing()
    {
        var x = WithGrad(Tensor.FromArray([1.0, 2.0]));
        Tensor y;
        using (GradMode.NoGrad()) y = x * 2;
        Assert.False(y.RequiresGrad);
        Assert.True(GradMode.IsEnabled);
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    [Fact]
    public void The_graph_is_released_after_backward()
    {
        var x = WithGrad(Tensor.FromArray([1.0, 2.0]));
        var loss = (x * x).Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("released", e.Message);
    }

    [Fact]
    public void A_long_chain_does_not_overflow_the_stack()
    {
        // y = x + 1 + 1 + … (20,000 ops) ⇒ dy/dx = 1
        var x = WithGrad(Tensor.Scalar(0, DType.Float64));
        var y = x;
        for (int i = 0; i < 20_000; i++) y += 1;
        y.Backward();
        Assert.Equal(1, x.Grad!.Item());
    }

    [Fact]
    public void Detach_stops_the_gradient()
    {
        var x = WithGrad(Tensor.FromArray([2.0]));
        (x * x.Detach()).Sum().Backward();
        Assert.Equal(2.0, x.Grad!.Item()); // only the first factor carries a gradient
    }

    [Fact]
    public void Backward_of_a_non_scalar_needs_an_explicit_gradient()
    {
        var x = WithGrad(Tensor.FromArray([1.0, 2.0]));
        var y = x * 2;
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        y.Backward(Tensor.FromArray([1.0, 10.0]));
        Assert.Equal([2.0, 20.0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void GradCheck_catches_a_planted_wrong_backward()
    {
        // y = sin x has dy/dx = cos x; the planted backward returns 2·cos x.
        var x = Leaf([5], 1);
        Tensor Sin(Tensor t, double factor)
        {
            var v = t.ToArray<double>();
            var y = Tensor.FromArray(v.Select(Math.Sin).ToArray(), t.Shape);
            var dydx = Tensor.FromArray(v.Select(a => factor * Math.Cos(a)).ToArray(), t.Shape);
            return CustomOp.Record("Sin", y, [t], g => [g * dydx]);
        }

        var right = GradCheck.Run(() => Sin(x, 1).Sum(), [("x", x)]);
        var wrong = GradCheck.Run(() => Sin(x, 2).Sum(), [("x", x)]);
        Assert.True(right.Passed, right.ToString());
        Assert.False(wrong.Passed, wrong.ToString());
        Assert.InRange(wrong.Difference, 0.3, 0.35); // ‖g − 2g‖ / (‖g‖ + ‖2g‖) = 1/3
        Assert.Contains("FAIL", wrong.ToString());
    }
}
