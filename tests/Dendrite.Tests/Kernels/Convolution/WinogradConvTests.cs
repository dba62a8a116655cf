using System.Runtime.Intrinsics;
using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;
using Dendrite.Tests.Conv;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The F(4×4, 3×3) Winograd forward (<see cref="WinogradConv"/>) against the naive double loops of
/// <see cref="ConvReference"/>: every output within 5e-6 of the sum of |w|·|x| over its window plus |b| (the direct
/// convolution's float rounding is ~1e-7 of it; the worst measured here 2.3e-6), including planes that are not multiples of the 4×4 tile, several
/// chunks and channel blocks of 16 and 32; and bitwise the same at one thread and at two.
/// </summary>
public class WinogradConvTests
{
    /// <summary>Relative tolerance on |w|·|x| + |b|, stated in the class summary.</summary>
    private const double Tolerance = 5e-6;

    public static TheoryData<int, int, int, int, int> Shapes => new()
    {
        { 2, 16, 16, 8, 8 },
        { 3, 16, 32, 32, 32 },
        { 2, 32, 48, 10, 7 },
        { 5, 64, 64, 8, 8 },
        { 1, 32, 16, 5, 13 },
    };

    private static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
        return a;
    }

    private static SlidingWindow Window(int c, int h, int w) => new(c, h, w, 3, 3, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_naive_double_loops(int n, int c, int k, int h, int w)
    {
        if (!Vector512.IsHardwareAccelerated) return; // Vector512 in software is exact too, but Fits needs hardware; see Fits test
        float[] x = Uniform(n * c * h * w, 1), f = Uniform(k * c * 9, 2), b = Uniform(k, 3), y = new float[n * k * h * w];
        Assert.True(WinogradConv.Fits<float>(Window(c, h, w), 1, k));
        WinogradConv.Forward<float>(Window(c, h, w), k, n, x, f, b, y);
        double[] xd = [.. x.Select(v => (double)v)], fd = [.. f.Select(v => (double)v)], bd = [.. b.Select(v => (double)v)];
        double[] expected = ConvReference.Conv2d(xd, [n, c, h, w], fd, [k, c, 3, 3], bd, (1, 1), (1, 1, 1, 1), (1, 1), 1, out _);
        double[] scale = ConvReference.Conv2d([.. xd.Select(Math.Abs)], [n, c, h, w], [.. fd.Select(Math.Abs)], [k, c, 3, 3],
            [.. bd.Select(Math.Abs)], (1, 1), (1, 1, 1, 1), (1, 1), 1, out _);
        double worst = 0;
        for (int i = 0; i < y.Length; i++) worst = Math.Max(worst, Math.Abs(y[i] - expected[i]) / scale[i]);
        Assert.True(worst <= Tolerance, $"worst relative error {worst:E2} for [{n}, {c}, {h}, {w}] → {k}");
    }

    [Fact]
    public void Relu_epilogue_is_max_of_the_plain_forward_and_zero()
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var g = Window(16, 9, 12);
        float[] x = Uniform(3 * 16 * 9 * 12, 4), f = Uniform(32 * 16 * 9, 5), b = Uniform(32, 6);
        float[] plain = new float[3 * 32 * 9 * 12], rectified = new float[plain.Length];
        WinogradConv.Forward<float>(g, 32, 3, x, f, b, plain);
        WinogradConv.Forward<float>(g, 32, 3, x, f, b, rectified, relu: true);
        Assert.Equal(plain.Select(v => Math.Max(v, 0f)).ToArray(), rectified);
        Assert.Contains(plain, v => v < 0);
    }

    [Fact]
    public void Results_are_bitwise_the_same_on_one_thread_and_two()
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var g = Window(32, 16, 16);
        float[] x = Uniform(8 * 32 * 256, 7), f = Uniform(32 * 32 * 9, 8), b = Uniform(32, 9);
        float[] one = new float[8 * 32 * 256], two = new float[one.Length];
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 1;
            WinogradConv.Forward<float>(g, 32, 8, x, f, b, one);
            Gemm.MaxThreads = 2;
            WinogradConv.Forward<float>(g, 32, 8, x, f, b, two);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
        Assert.Equal(one, two);
    }

    [Fact]
    public void Fits_only_3x3_stride_1_pad_1_float_with_channels_in_sixteens()
    {
        bool wide = Vector512.IsHardwareAccelerated;
        Assert.Equal(wide, WinogradConv.Fits<float>(Window(16, 8, 8), 1, 32));
        Assert.False(WinogradConv.Fits<double>(Window(16, 8, 8), 1, 32));
        Assert.False(WinogradConv.Fits<float>(Window(3, 8, 8), 1, 16));
        Assert.False(WinogradConv.Fits<float>(Window(16, 8, 8), 1, 24));
        Assert.False(WinogradConv.Fits<float>(Window(16, 8, 8), 2, 32));
        Assert.False(WinogradConv.Fits<float>(Window(16, 8, 8) with { StrideH = 2, StrideW = 2 }, 1, 32));
        Assert.False(WinogradConv.Fits<float>(Window(16, 8, 8) with { PadBottom = 0 }, 1, 32));
        Assert.False(WinogradConv.Fits<float>(Window(16, 8, 8) with { KernelH = 1, KernelW = 1 }, 1, 32));
    }

    [Theory]
    [InlineData(16, 32, 12, 1)] // the Winograd path: ReLU in its epilogue
    [InlineData(3, 16, 12, 1)]  // 3 input channels: the direct path, ReLU in place after it
    [InlineData(16, 32, 12, 2)] // stride 2: the direct path
    public void Fused_relu_conv_op_is_bitwise_relu_of_the_plain_op(int c, int k, int hw, int stride)
    {
        var x = Tensor.Uniform([2, c, hw, hw], -1, 1, new Random(10));
        var w = Tensor.Uniform([k, c, 3, 3], -1, 1, new Random(11));
        var b = Tensor.Uniform([k], -1, 1, new Random(12));
        Tensor plain, fused;
        using (GradMode.NoGrad())
        {
            plain = ConvOps.Conv2d(x, w, b, (stride, stride), (1, 1, 1, 1), (1, 1), 1);
            fused = ConvOps.Conv2d(x, w, b, (stride, stride), (1, 1, 1, 1), (1, 1), 1, rectify: true);
        }
        float[] expected = [.. plain.ToArray<float>().Select(v => v > 0 ? v : 0f)];
        Assert.Equal(expected, fused.ToArray<float>());
        Assert.Contains(plain.ToArray<float>(), v => v < 0);
    }
}
