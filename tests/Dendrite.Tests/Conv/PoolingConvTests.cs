using Dendrite.Autograd;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

public class PoolingConvTests
{
    private static Tensor Image(int h, int w, params double[] values) => Tensor.FromArray(values, [1, 1, h, w]);

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 1, 0)]
    public void Max_pool_passes_the_gradient_check(int k, int s, int p)
    {
        // uniform doubles have no ties, so every window has one arg-max and the max is differentiable there
        AssertCorrect(t => PoolOps.MaxPool2d(t[0], (k, k), (s, s), (p, p)), Leaf([2, 3, 5, 6], 1));
    }

    [Fact]
    public void Dilated_max_pool_passes_the_gradient_check() =>
        AssertCorrect(t => PoolOps.MaxPool2d(t[0], (2, 2), (1, 1), (0, 0), (2, 2)), Leaf([1, 2, 5, 5], 2));

    [Theory]
    [InlineData(2, 2, 0, true)]
    [InlineData(3, 2, 1, true)]
    [InlineData(3, 2, 1, false)]
    [InlineData(3, 1, 1, false)]
    public void Average_pool_passes_the_gradient_check(int k, int s, int p, bool countIncludePad) =>
        AssertCorrect(t => PoolOps.AvgPool2d(t[0], (k, k), (s, s), (p, p), countIncludePad), Leaf([2, 3, 5, 6], 3));

    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 1)]
    [InlineData(5, 7)]
    [InlineData(2, 4)]
    public void Adaptive_average_pool_passes_the_gradient_check(int outH, int outW) =>
        AssertCorrect(t => PoolOps.AdaptiveAvgPool2d(t[0], outH, outW), Leaf([2, 2, 5, 7], 4));

    [Fact]
    public void Max_pool_backward_routes_each_gradient_to_its_window_maximum()
    {
        // k = 2, s = 2 on
        //   1 3 | 2 1
        //   4 2 | 0 1      windows: {1,3,4,2} → 4 at (1,0); {2,1,0,1} → 2 at (0,2)
        //   ----+----
        //   5 1 | 7 8               {5,1,0,6} → 6 at (3,1); {7,8,3,2} → 8 at (2,3)
        //   0 6 | 3 2
        // y = [[4, 2], [6, 8]]; ∂y_w/∂x = 1 at the window's arg-max and 0 elsewhere, so dx is dy placed at the maxima.
        var x = WithGrad(Image(4, 4, 1, 3, 2, 1, 4, 2, 0, 1, 5, 1, 7, 8, 0, 6, 3, 2));
        var y = PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0));
        Assert.Equal([4.0, 2, 6, 8], y.ToArray<double>());
        y.Backward(Image(2, 2, 1, 2, 3, 4));
        Assert.Equal([0.0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Overlapping_max_pool_windows_add_their_gradients_at_a_shared_maximum()
    {
        // k = 2, s = 1 on [[1, 2, 3], [4, 9, 5], [6, 7, 8]]: all four windows contain the 9 at the centre,
        // so y = [[9, 9], [9, 9]] and with dy = 1 everywhere dx(centre) = 1 + 1 + 1 + 1 = 4.
        var x = WithGrad(Image(3, 3, 1, 2, 3, 4, 9, 5, 6, 7, 8));
        var y = PoolOps.MaxPool2d(x, (2, 2), (1, 1), (0, 0));
        Assert.Equal([9.0, 9, 9, 9], y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal([0.0, 0, 0, 0, 4, 0, 0, 0, 0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Max_pool_ties_send_the_gradient_to_the_first_maximum()
    {
        // every element is 1: the first one of the window (top-left) is taken as the arg-max, as in PyTorch
        var x = WithGrad(Tensor.Ones([1, 1, 2, 2], DType.Float64));
        PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0)).Sum().Backward();
        Assert.Equal([1.0, 0, 0, 0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Average_pool_backward_spreads_each_gradient_evenly_over_its_window()
    {
        // k = 2, s = 2 on x = 0..15 (4×4): y = mean of each 2×2 block = [[2.5, 4.5], [10.5, 12.5]].
        // y_w = (1/4)·Σ_{i∈w} x_i ⇒ ∂y_w/∂x_i = 1/4, so with dy = [[1, 2], [3, 4]] each block of dx holds dy_w/4.
        var x = WithGrad(Tensor.Arange(0, 16, dtype: DType.Float64).Reshape(1, 1, 4, 4).Detach());
        var y = PoolOps.AvgPool2d(x, (2, 2), (2, 2), (0, 0));
        Assert.Equal([2.5, 4.5, 10.5, 12.5], y.ToArray<double>());
        y.Backward(Image(2, 2, 1, 2, 3, 4));
        Assert.Equal([0.25, 0.25, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1, 0.75, 0.75, 1, 1], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Average_pool_counts_padding_in_the_divisor_by_default()
    {
        // k = 2, s = 1, p = 1 on [[1, 2], [3, 4]] → 3×3 windows over the zero-padded 4×4 image.
        // count_include_pad: every window divides by 4: corner (0,0) sees only 1 → 1/4; edge (0,1) sees 1, 2 → 3/4;
        // centre sees all → 10/4. Each x is in 4 windows, each contributing dy/4 ⇒ dx = 1 with dy = 1.
        // Without it, corner (0,0) divides by 1, edge by 2, centre by 4, and x₀₀ gets 1/1 + 1/2 + 1/2 + 1/4 = 2.25.
        var x = WithGrad(Image(2, 2, 1, 2, 3, 4));
        var y = PoolOps.AvgPool2d(x, (2, 2), (1, 1), (1, 1));
        Assert.Equal([0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1], y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal([1.0, 1, 1, 1], x.Grad!.ToArray<double>());

        var x2 = WithGrad(Image(2, 2, 1, 2, 3, 4));
        var y2 = PoolOps.AvgPool2d(x2, (2, 2), (1, 1), (1, 1), countIncludePad: false);
        Assert.Equal([1.0, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4], y2.ToArray<double>());
        y2.Sum().Backward();
        Assert.Equal([2.25, 2.25, 2.25, 2.25], x2.Grad!.ToArray<double>());
    }

    [Fact]
    public void Adaptive_average_pool_uses_pytorch_cell_bounds()
    {
        // H = 5 into 3 cells: rows [0, 2), [1, 4), [3, 5) (⌊i·5/3⌋ to ⌈(i+1)·5/3⌉); W = 1.
        var x = Image(5, 1, 1, 2, 3, 4, 5);
        var y = PoolOps.AdaptiveAvgPool2d(x, 3, 1);
        Assert.Equal([1.5, 3, 4.5], y.ToArray<double>());
    }

    [Fact]
    public void Global_average_pool_gradient_is_one_over_h_times_w()
    {
        // y = (1/HW)·Σ x ⇒ ∂y/∂x = 1/HW = 1/12
        var x = WithGrad(Tensor.Uniform([2, 3, 3, 4], -1, 1, new Random(5), DType.Float64));
        var y = PoolOps.AdaptiveAvgPool2d(x, 1, 1);
        Assert.Equal(new Shape(2, 3, 1, 1), y.Shape);
        Naive.AssertClose(x.Mean(3).Mean(2).ToArray<double>(), y.ToArray<double>());
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray<double>(), g => Assert.Equal(1.0 / 12, g, 15));
    }

    [Fact]
    public void Float32_pools_equal_float64_within_tolerance()
    {
        var x = Tensor.Uniform([2, 3, 7, 6], -1, 1, new Random(6), DType.Float64);
        foreach (var f in new Func<Tensor, Tensor>[]
                 {
                     t => PoolOps.MaxPool2d(t, (3, 3), (2, 2), (1, 1)),
                     t => PoolOps.AvgPool2d(t, (3, 3), (2, 2), (1, 1)),
                     t => PoolOps.AdaptiveAvgPool2d(t, 4, 3),
                 })
            Naive.AssertClose(f(x).ToArray<double>(), f(x.To(DType.Float32)).To(DType.Float64).ToArray<double>(), 1e-6);
    }

    [Fact]
    public void Pooling_rejects_padding_above_half_the_kernel_and_non_images()
    {
        Assert.Throws<ArgumentException>(() => PoolOps.MaxPool2d(Tensor.Zeros([1, 1, 4, 4]), (2, 2), (2, 2), (2, 2)));
        var e = Assert.Throws<ArgumentException>(() => PoolOps.AvgPool2d(Tensor.Zeros([4, 4]), (2, 2), (2, 2), (0, 0)));
        Assert.Contains("[4, 4]", e.Message);
    }
}
