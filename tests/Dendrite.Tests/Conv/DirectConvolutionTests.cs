using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

/// <summary>
/// The direct convolution (padded phase copies, channels-last tiles, transposed ∂L/∂y) against naive double loops, on
/// sizes that leave partial tiles everywhere: forward, ∂L/∂x and ∂L/∂w, in float64 and float32.
/// </summary>
public class DirectConvolutionTests
{
    public sealed record Case(string Name, int[] X, int[] W, (int, int) Stride, (int, int, int, int) Pad, (int, int) Dilation, int Groups)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => [.. All];

    /// <summary>The cases small enough for central differences on every element (at most 400 input values).</summary>
    public static TheoryData<Case> SmallCases => [.. All.Where(c => c.X[0] * c.X[1] * c.X[2] * c.X[3] <= 400)];

    private static readonly Case[] All =
    [
        new("odd sizes, 7 filters", [3, 5, 11, 13], [7, 5, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("stride 2", [2, 4, 9, 10], [6, 4, 3, 3], (2, 2), (1, 1, 1, 1), (1, 1), 1),
        new("stride 2 even size", [2, 3, 8, 8], [16, 3, 3, 3], (2, 2), (1, 1, 1, 1), (1, 1), 1),
        new("stride 3, 5x5", [1, 2, 14, 13], [4, 2, 5, 5], (3, 3), (2, 2, 2, 2), (1, 1), 1),
        new("dilation 2", [2, 3, 10, 9], [5, 3, 3, 3], (1, 1), (2, 2, 2, 2), (2, 2), 1),
        new("dilation 2 with stride 2", [1, 2, 11, 12], [3, 2, 3, 3], (2, 2), (2, 2, 2, 2), (2, 2), 1),
        new("groups 2", [2, 6, 7, 8], [10, 3, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 2),
        new("depthwise", [2, 4, 9, 7], [4, 1, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 4),
        new("depthwise multiplier 2, stride 2", [2, 3, 9, 9], [6, 1, 3, 3], (2, 2), (1, 1, 1, 1), (1, 1), 3),
        new("1x1", [2, 20, 5, 7], [33, 20, 1, 1], (1, 1), (0, 0, 0, 0), (1, 1), 1),
        new("1x1 stride 2", [2, 16, 9, 8], [32, 16, 1, 1], (2, 2), (0, 0, 0, 0), (1, 1), 1),
        new("many channels", [2, 20, 6, 6], [40, 20, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("padding past the kernel span", [1, 2, 4, 4], [3, 2, 3, 3], (1, 1), (3, 3, 3, 3), (1, 1), 1),
        new("asymmetric padding and kernel", [2, 2, 7, 9], [3, 2, 2, 3], (2, 1), (1, 0, 0, 2), (1, 1), 1),
        new("5x5 valid", [2, 1, 28, 28], [6, 1, 5, 5], (1, 1), (0, 0, 0, 0), (1, 1), 1),
        new("3x3, odd 7x9 output", [2, 8, 7, 9], [9, 8, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("3x3 valid, 6 wide", [2, 10, 9, 8], [12, 10, 3, 3], (1, 1), (0, 0, 0, 0), (1, 1), 1),
        new("3x3, asymmetric padding", [1, 8, 6, 7], [8, 8, 3, 3], (1, 1), (0, 1, 2, 1), (1, 1), 1),
        new("16 channels at 32x32", [2, 16, 32, 32], [16, 16, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("64 channels at 8x8", [2, 64, 8, 8], [64, 64, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
    ];

    private static (double[] Y, double[] Dx, double[] Dw, double[] Db, double[] ExpY, double[] ExpDx, double[] ExpDw, double[] ExpDb) Run(Case c, DType dtype)
    {
        var x = WithGrad(Tensor.Uniform(new Shape(c.X), -1, 1, new Random(1), dtype));
        var w = WithGrad(Tensor.Uniform(new Shape(c.W), -1, 1, new Random(2), dtype));
        var b = WithGrad(Tensor.Uniform([c.W[0]], -1, 1, new Random(3), dtype));
        var y = ConvOps.Conv2d(x, w, b, c.Stride, c.Pad, c.Dilation, c.Groups);
        var dy = Tensor.Uniform(y.Shape, -1, 1, new Random(4), dtype);
        y.Backward(dy);
        double[] xs = x.ToArray<double>(), ws = w.ToArray<double>(), dys = dy.ToArray<double>();
        var expY = ConvReference.Conv2d(xs, c.X, ws, c.W, b.ToArray<double>(), c.Stride, c.Pad, c.Dilation, c.Groups, out var shape);
        Assert.Equal(new Shape(shape), y.Shape);
        var (expDx, expDw) = ConvReference.Conv2dBackward(xs, c.X, ws, c.W, dys, c.Stride, c.Pad, c.Dilation, c.Groups);
        int o = c.W[0], plane = shape[2] * shape[3];
        var expDb = Enumerable.Range(0, o).Select(oc => Enumerable.Range(0, c.X[0]).Sum(n => dys.Skip((n * o + oc) * plane).Take(plane).Sum())).ToArray();
        return (y.ToArray<double>(), x.Grad!.ToArray<double>(), w.Grad!.ToArray<double>(), b.Grad!.ToArray<double>(), expY, expDx, expDw, expDb);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64_forward_and_gradients_match_naive_loops(Case c)
    {
        var r = Run(c, DType.Float64);
        Naive.AssertClose(r.ExpY, r.Y, 1e-12);
        Naive.AssertClose(r.ExpDx, r.Dx, 1e-12);
        Naive.AssertClose(r.ExpDw, r.Dw, 1e-12);
        Naive.AssertClose(r.ExpDb, r.Db, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_forward_and_gradients_match_naive_loops(Case c)
    {
        var r = Run(c, DType.Float32);
        Naive.AssertClose(r.ExpY, r.Y, 1e-5);
        Naive.AssertClose(r.ExpDx, r.Dx, 1e-5);
        Naive.AssertClose(r.ExpDw, r.Dw, 2e-5);
        Naive.AssertClose(r.ExpDb, r.Db, 2e-5);
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Gradient_check_passes(Case c)
    {
        var x = Leaf(new Shape(c.X), 5);
        var w = Leaf(new Shape(c.W), 6);
        AssertCorrect(t => ConvOps.Conv2d(t[0], t[1], null, c.Stride, c.Pad, c.Dilation, c.Groups), x, w);
    }

    [Fact]
    public void Strided_and_grouped_runs_are_bitwise_identical_for_one_and_two_threads()
    {
        (float[] Y, float[] Dx, float[] Dw) Once()
        {
            var x = WithGrad(Tensor.Uniform([5, 6, 13, 11], -1, 1, new Random(7)));
            var w = WithGrad(Tensor.Uniform([12, 3, 3, 3], -1, 1, new Random(8)));
            var y = ConvOps.Conv2d(x, w, null, (2, 2), (1, 1, 1, 1), (1, 1), 2);
            var z = ConvOps.Conv2d(y, Tensor.Uniform([8, 12, 3, 3], -1, 1, new Random(9)), null, (1, 1), (1, 1, 1, 1), (1, 1), 1);
            z.Backward(Tensor.Uniform(z.Shape, -1, 1, new Random(10)));
            return (z.ToArray<float>(), x.Grad!.ToArray<float>(), w.Grad!.ToArray<float>());
        }
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            var two = Once();
            Gemm.MaxThreads = 1;
            var one = Once();
            Assert.Equal(one.Y, two.Y);
            Assert.Equal(one.Dx, two.Dx);
            Assert.Equal(one.Dw, two.Dw);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }
}
