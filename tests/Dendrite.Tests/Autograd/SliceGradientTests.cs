using Dendrite.Autograd;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Autograd;

/// <summary>Slices of one tensor add their gradients into one buffer, whatever else uses the tensor.</summary>
public class SliceGradientTests
{
    [Fact]
    public void Overlapping_slices_and_other_uses_sum_their_gradients()
    {
        var x = Tensor.Uniform([4, 3], -1, 1, new Random(1), DType.Float64);
        x.RequiresGrad = true;
        Tensor Loss()
        {
            var y = x * 2.0; // an intermediate: its slices share one gradient buffer
            var w = Tensor.FromArray([1.0, -2, 3], [3]);
            return (y.Narrow(0, 0, 2) * w).Sum() + (y.Narrow(0, 1, 3).Square()).Sum() + (y * y).Sum() + y[3].Sum() * 5;
        }
        var result = GradCheck.Run(Loss, [("x", x)]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Backward_through_many_slices_allocates_one_gradient_buffer_not_one_per_slice()
    {
        var x = Tensor.Uniform([100, 1000], -1, 1, new Random(2));
        x.RequiresGrad = true;
        var arena = new TensorArena();
        using (arena.Enter())
        {
            var y = x * 1.5;
            var total = y[0].Sum();
            for (int t = 1; t < 100; t++) total += y[t].Sum();
            long before = arena.LentBytes;
            total.Backward();
            long full = 100 * 1000 * sizeof(float);
            Assert.True(arena.LentBytes - before < 5 * full, $"backward lent {(arena.LentBytes - before) / 1e6:F1} MB for a {full / 1e6:F1} MB tensor sliced 100 times");
        }
        Naive.AssertClose(Enumerable.Repeat(1.5, 100 * 1000).ToArray(), x.Grad!.ToArray<double>(), 1e-6);
    }

    [Fact]
    public void Slices_of_a_sum_and_of_one_of_its_terms_reach_both_inputs_exactly()
    {
        // y = a + b; the slices of y share one buffer that Add's backward passes to both a and b, and a is sliced too
        var p = Tensor.Uniform([3, 2], -1, 1, new Random(3), DType.Float64);
        var q = Tensor.Uniform([3, 2], -1, 1, new Random(4), DType.Float64);
        p.RequiresGrad = q.RequiresGrad = true;
        Tensor Loss()
        {
            var a = p * 1.0;
            var b = q * 1.0;
            var y = a + b;
            return (a.Narrow(0, 2, 1) * 7.0).Sum() + y.Narrow(0, 0, 2).Sum() + (y.Narrow(0, 1, 2) * 3.0).Sum();
        }
        var result = GradCheck.Run(Loss, [("p", p), ("q", q)]);
        Assert.True(result.Passed, result.ToString());
        p.Grad = q.Grad = null;
        Loss().Backward();
        Assert.Equal(new[] { 1.0, 1, 4, 4, 3 + 7, 3 + 7 }, p.Grad!.ToArray<double>());
        Assert.Equal(new[] { 1.0, 1, 4, 4, 3, 3 }, q.Grad!.ToArray<double>());
    }
}
