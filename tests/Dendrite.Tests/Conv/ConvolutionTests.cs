using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Conv;

public class ConvolutionTests
{
    /// <summary>One convolution problem: input and weight shapes and the hyperparameters.</summary>
    public sealed record Case(string Name, int[] X, int[] W, bool Bias, (int, int) Stride, (int, int, int, int) Pad, (int, int) Dilation, int Groups)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases =>
    [
        new("3x3 stride 1 pad 1", [2, 3, 5, 5], [4, 3, 3, 3], true, (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("3x3 stride 2 pad 1", [2, 2, 6, 7], [3, 2, 3, 3], true, (2, 2), (1, 1, 1, 1), (1, 1), 1),
        new("3x3 dilation 2 pad 2", [1, 2, 6, 6], [3, 2, 3, 3], true, (1, 1), (2, 2, 2, 2), (2, 2), 1),
        new("groups 2", [2, 4, 5, 4], [6, 2, 3, 3], true, (1, 1), (1, 1, 1, 1), (1, 1), 2),
        new("depthwise", [2, 3, 5, 5], [6, 1, 3, 3], true, (1, 1), (1, 1, 1, 1), (1, 1), 3),
        new("1x1", [2, 3, 4, 4], [5, 3, 1, 1], true, (1, 1), (0, 0, 0, 0), (1, 1), 1),
        new("1x1 stride 2", [2, 3, 5, 5], [2, 3, 1, 1], false, (2, 2), (0, 0, 0, 0), (1, 1), 1),
        new("asymmetric same 2x2", [1, 2, 4, 5], [3, 2, 2, 2], true, (1, 1), (0, 0, 1, 1), (1, 1), 1),
        new("2x3 stride (2, 1) no bias", [2, 2, 5, 6], [3, 2, 2, 3], false, (2, 1), (1, 0, 0, 2), (1, 1), 1),
        new("5x5 pad 2 on a 1x1 map (taps wholly in the padding)", [2, 3, 1, 1], [2, 3, 5, 5], true, (1, 1), (2, 2, 2, 2), (1, 1), 1),
    ];

    private static (Tensor X, Tensor W, Tensor? B) Inputs(Case c, int seed)
    {
        var x = Leaf(new Shape(c.X), seed);
        var w = Leaf(new Shape(c.W), seed + 1);
        var b = c.Bias ? Leaf([c.W[0]], seed + 2) : null;
        return (x, w, b);
    }

    private static Tensor Run(Case c, Tensor x, Tensor w, Tensor? b) =>
        ConvOps.Conv2d(x, w, b, c.Stride, c.Pad, c.Dilation, c.Groups);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_check_passes_in_float64(Case c)
    {
        var (x, w, b) = Inputs(c, 10);
        if (b is null) AssertCorrect(t => Run(c, t[0], t[1], null), x, w);
        else AssertCorrect(t => Run(c, t[0], t[1], t[2]), x, w, b);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_matches_a_direct_convolution(Case c)
    {
        var (x, w, b) = Inputs(c, 20);
        var y = Run(c, x, w, b);
        var expected = ConvReference.Conv2d(x.ToArray<double>(), c.X, w.ToArray<double>(), c.W, b?.ToArray<double>(),
            c.Stride, c.Pad, c.Dilation, c.Groups, out var shape);
        Assert.Equal(new Shape(shape), y.Shape);
        Naive.AssertClose(expected, y.ToArray<double>(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_forward_equals_float64_within_tolerance(Case c)
    {
        var (x, w, b) = Inputs(c, 30);
        var y64 = Run(c, x, w, b).ToArray<double>();
        var y32 = Run(c, x.To(DType.Float32), w.To(DType.Float32), b?.To(DType.Float32));
        Assert.Equal(DType.Float32, y32.DType);
        Naive.AssertClose(y64, y32.To(DType.Float64).ToArray<double>(), 1e-5);
    }

    [Theory]
    [InlineData(28, 0, 5, 1, 24)]  // valid: (28 − 5)/1 + 1
    [InlineData(28, 2, 5, 1, 28)]  // same: 2p = f − 1
    [InlineData(7, 0, 3, 2, 3)]    // ⌊(7 − 3)/2⌋ + 1
    [InlineData(8, 1, 3, 2, 4)]    // ⌊(8 + 2 − 3)/2⌋ + 1 = ⌊3.5⌋ + 1
    [InlineData(6, 1, 3, 1, 6)]
    [InlineData(15, 0, 3, 2, 7)]   // the course's 15 → 7 with f = 3, s = 2
    public void Output_size_is_floor_n_plus_2p_minus_f_over_s_plus_1(int n, int p, int f, int s, int expected)
    {
        var y = ConvOps.Conv2d(Tensor.Zeros([1, 1, n, n]), Tensor.Zeros([1, 1, f, f]), null, (s, s), (p, p, p, p), (1, 1), 1);
        Assert.Equal(new Shape(1, 1, expected, expected), y.Shape);
    }

    [Fact]
    public void Dilation_widens_the_kernel_span_to_d_times_k_minus_1_plus_1()
    {
        // k = 3, d = 2 spans 5 pixels: (9 − 5)/1 + 1 = 5
        var y = ConvOps.Conv2d(Tensor.Zeros([1, 1, 9, 9]), Tensor.Zeros([1, 1, 3, 3]), null, (1, 1), (0, 0, 0, 0), (2, 2), 1);
        Assert.Equal(new Shape(1, 1, 5, 5), y.Shape);
    }

    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(3, 3, 2, 2, 1, 1, 1, 1, 1)]
    [InlineData(3, 3, 1, 1, 2, 2, 2, 2, 2)]
    [InlineData(2, 3, 2, 1, 0, 1, 1, 2, 1)]
    [InlineData(1, 1, 2, 3, 0, 0, 0, 0, 1)]
    public void Fold_is_the_adjoint_of_unfold(int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int d)
    {
        // col2im is the transpose of the linear map im2col: ⟨Unfold(x), c⟩ = ⟨x, Fold(c)⟩ for every x and c
        var g = new SlidingWindow(2, 5, 6, kh, kw, sh, sw, pt, pl, pb, pr, d, d);
        var random = new Random(7);
        var x = Enumerable.Range(0, 2 * 5 * 6).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, g.ColumnRows * g.OutPlane).Select(_ => random.NextDouble() - 0.5).ToArray();
        var cols = new double[c.Length];
        Im2Col.Unfold<double>(g, x, cols);
        var folded = new double[x.Length];
        Im2Col.Fold<double>(g, c, folded);
        double left = cols.Zip(c, (a, b) => a * b).Sum(), right = x.Zip(folded, (a, b) => a * b).Sum();
        Assert.Equal(left, right, 12);
    }

    [Fact]
    public void An_empty_batch_gives_an_empty_output_and_a_zero_weight_gradient()
    {
        var w = Leaf([2, 3, 3, 3], 1);
        var y = ConvOps.Conv2d(WithGrad(Tensor.Zeros([0, 3, 5, 5], DType.Float64)), w, null, (1, 1), (1, 1, 1, 1), (1, 1), 1);
        Assert.Equal(new Shape(0, 2, 5, 5), y.Shape);
        y.Backward(Tensor.Zeros(y.Shape, DType.Float64));
        Assert.All(w.Grad!.ToArray<double>(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Parallel_and_serial_runs_agree_bit_for_bit()
    {
        var x = Tensor.Uniform([24, 8, 12, 12], -1, 1, new Random(1));
        var w = Tensor.Uniform([16, 8, 3, 3], -1, 1, new Random(2));
        var b = Tensor.Uniform([16], -1, 1, new Random(3));
        (float[] Y, float[] Dx, float[] Dw) Once()
        {
            var (xl, wl, bl) = (WithGrad(x.Clone()), WithGrad(w.Clone()), WithGrad(b.Clone()));
            var y = ConvOps.Conv2d(xl, wl, bl, (1, 1), (1, 1, 1, 1), (1, 1), 1);
            y.Backward(Tensor.Uniform(y.Shape, -1, 1, new Random(4)));
            return (y.ToArray<float>(), xl.Grad!.ToArray<float>(), wl.Grad!.ToArray<float>());
        }
        var parallel = Once();
        int saved = Gemm.MaxThreads;
        Gemm.MaxThreads = 1;
        try
        {
            var serial = Once();
            Assert.Equal(serial.Y, parallel.Y);
            Assert.Equal(serial.Dx, parallel.Dx);
            Assert.Equal(serial.Dw, parallel.Dw);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void Mismatched_shapes_are_rejected_with_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => ConvOps.Conv2d(Tensor.Zeros([1, 4, 5, 5]), Tensor.Zeros([2, 3, 3, 3]), null, (1, 1), (0, 0, 0, 0), (1, 1), 1));
        Assert.Contains("[2, 3, 3, 3]", e.Message);
        Assert.Contains("[1, 4, 5, 5]", e.Message);
        Assert.Throws<ArgumentException>(() => ConvOps.Conv2d(Tensor.Zeros([1, 3, 5, 5]), Tensor.Zeros([2, 1, 3, 3]), null, (1, 1), (0, 0, 0, 0), (1, 1), 2));
        Assert.Throws<ArgumentException>(() => ConvOps.Conv2d(Tensor.Zeros([1, 1, 2, 2]), Tensor.Zeros([1, 1, 3, 3]), null, (1, 1), (0, 0, 0, 0), (1, 1), 1));
    }
}
