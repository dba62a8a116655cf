using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

/// <summary>Max pooling with windows that tile the image (kernel = stride) against naive loops, in float32 and float64.</summary>
public class MaxPoolTiledTests
{
    /// <summary>Naive k×k stride-k max pool of [N, C, H, W] and its backward: dy goes to the first maximum of each window.</summary>
    private static (float[] Y, float[] Dx) Reference(float[] x, float[] dy, int planes, int h, int w, int k)
    {
        int oh = h / k, ow = w / k;
        var y = new float[planes * oh * ow];
        var dx = new float[x.Length];
        for (int p = 0; p < planes; p++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    int best = -1;
                    for (int i = 0; i < k; i++)
                        for (int j = 0; j < k; j++)
                        {
                            int at = (p * h + oy * k + i) * w + ox * k + j;
                            if (best < 0 || x[at] > x[best] || (float.IsNaN(x[at]) && !float.IsNaN(x[best]))) best = at;
                        }
                    int o = (p * oh + oy) * ow + ox;
                    y[o] = x[best];
                    dx[best] += dy[o];
                }
        return (y, dx);
    }

    [Theory]
    [InlineData(2, 3, 7, 9, 2)]     // odd sizes: the last row and column belong to no window
    [InlineData(2, 2, 6, 40, 2)]    // 20 outputs per row: two blocks of eight and a scalar tail
    [InlineData(1, 4, 32, 32, 2)]
    [InlineData(2, 2, 9, 10, 3)]    // 3×3, stride 3
    public void Float32_matches_a_naive_reference(int n, int c, int h, int w, int k)
    {
        var x = WithGrad(Tensor.Normal([n, c, h, w], 0, 1, new Random(1)));
        // coarse values make ties common, so the first-maximum rule is exercised
        var xs = x.Span<float>();
        for (int i = 0; i < xs.Length; i++) xs[i] = MathF.Round(xs[i] * 2) / 2;
        var y = PoolOps.MaxPool2d(x, (k, k), (k, k), (0, 0));
        var dy = Tensor.Normal(y.Shape, 0, 1, new Random(2));
        y.Backward(dy);
        var (ey, edx) = Reference(x.ToArray<float>(), dy.ToArray<float>(), n * c, h, w, k);
        Assert.Equal(ey, y.ToArray<float>());
        Assert.Equal(edx, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void NaN_wins_its_window_and_takes_the_gradient()
    {
        // a 2×32 image: window 3 holds NaN at its bottom-right, window 9 at its top-right, window 12 two NaNs
        var values = new float[64];
        for (int i = 0; i < values.Length; i++) values[i] = i % 7;
        values[32 + 7] = float.NaN;
        values[19] = float.NaN;
        values[24] = float.NaN;
        values[32 + 25] = float.NaN;
        var x = WithGrad(Tensor.FromArray(values, [1, 1, 2, 32]));
        var y = PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0));
        var yv = y.ToArray<float>();
        Assert.True(float.IsNaN(yv[3]) && float.IsNaN(yv[9]) && float.IsNaN(yv[12]));
        y.Backward(Tensor.Ones(y.Shape));
        var dx = x.Grad!.ToArray<float>();
        Assert.Equal(1, dx[32 + 7]);
        Assert.Equal(1, dx[19]);
        Assert.Equal(1, dx[24]);          // the first NaN of window 12 in scan order
        Assert.Equal(0, dx[32 + 25]);
        Assert.Equal(16, dx.Sum());       // one element per window
    }

    [Fact]
    public void NaN_and_ties_in_the_four_wide_tail()
    {
        // a 2×24 image: 12 windows = one block of eight and one of four; window 10 holds NaN at its bottom-left,
        // window 11 is all ties (the top-left takes the gradient)
        var values = new float[48];
        for (int i = 0; i < 24; i++) values[i] = values[24 + i] = i % 5;
        values[24 + 20] = float.NaN;
        values[22] = values[23] = values[24 + 22] = values[24 + 23] = 7;
        var x = WithGrad(Tensor.FromArray(values, [1, 1, 2, 24]));
        var y = PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0));
        var yv = y.ToArray<float>();
        Assert.True(float.IsNaN(yv[10]));
        Assert.Equal(7, yv[11]);
        y.Backward(Tensor.Ones(y.Shape));
        var dx = x.Grad!.ToArray<float>();
        Assert.Equal(1, dx[24 + 20]);
        Assert.Equal([1f, 0, 0, 0], new[] { dx[22], dx[23], dx[24 + 22], dx[24 + 23] });
        Assert.Equal(12, dx.Sum());
    }

    [Fact]
    public void Float64_uses_the_same_rule()
    {
        var x = WithGrad(Tensor.FromArray([1.0, 1, 3, 3, 1, 1, 2, 3], [1, 1, 2, 4]));
        var y = PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0));
        Assert.Equal([1.0, 3], y.ToArray<double>());
        y.Backward(Tensor.FromArray([5.0, 7], [1, 1, 1, 2]));
        Assert.Equal([5.0, 0, 7, 0, 0, 0, 0, 0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Results_are_bitwise_identical_for_one_and_two_threads()
    {
        float[] Once()
        {
            var x = WithGrad(Tensor.Normal([8, 16, 16, 16], 0, 1, new Random(3)));
            var y = PoolOps.MaxPool2d(x, (2, 2), (2, 2), (0, 0));
            var z = PoolOps.AvgPool2d(x, (3, 3), (2, 2), (1, 1));
            (y.Sum() + z.Sum()).Backward();
            return [.. y.ToArray<float>(), .. z.ToArray<float>(), .. x.Grad!.ToArray<float>()];
        }
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            var two = Once();
            Gemm.MaxThreads = 1;
            Assert.Equal(Once(), two);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }
}
