using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;
using Dendrite.Tests.Conv;
using Dendrite.Tests.Support;
using Xunit;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The direct convolution's two tile sets, AVX-512 (<see cref="ConvKernel512{T}"/>) and AVX2 (<see cref="ConvKernel256{T}"/>),
/// chosen per thread by <see cref="ConvTiles.Wide"/>: on every shape of <see cref="DirectConvolutionTests"/> both give
/// bitwise the same forward, ∂L/∂x and ∂L/∂W (each sums every element in the same order), and the AVX-512 tiles match the
/// naive double loops of <see cref="ConvReference"/> even on a host where the default is the AVX2 set (phases over at
/// most 8 float channels keep the AVX2 tiles either way: <see cref="ConvTiles.Fits{T}"/>).
/// </summary>
public class ConvTileTests
{
    public static TheoryData<DirectConvolutionTests.Case> Cases => DirectConvolutionTests.Cases;

    private static (float[] Y, float[] Dx, float[] Dw) Run(DirectConvolutionTests.Case c, bool wide)
    {
        bool saved = ConvTiles.Wide;
        try
        {
            ConvTiles.Wide = wide;
            var x = WithGrad(Tensor.Uniform(new Shape(c.X), -1, 1, new Random(11)));
            var w = WithGrad(Tensor.Uniform(new Shape(c.W), -1, 1, new Random(12)));
            var y = ConvOps.Conv2d(x, w, null, c.Stride, c.Pad, c.Dilation, c.Groups);
            var dy = Tensor.Uniform(y.Shape, -1, 1, new Random(13));
            y.Backward(dy);
            return (y.ToArray<float>(), x.Grad!.ToArray<float>(), w.Grad!.ToArray<float>());
        }
        finally
        {
            ConvTiles.Wide = saved;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Avx512_and_avx2_tiles_give_bitwise_the_same_float32_results(DirectConvolutionTests.Case c)
    {
        var wide = Run(c, true);
        var narrow = Run(c, false);
        Assert.Equal(narrow.Y, wide.Y);
        Assert.Equal(narrow.Dx, wide.Dx);
        Assert.Equal(narrow.Dw, wide.Dw);
    }

    /// <summary>
    /// Shapes whose phases take the channels-first tile (<see cref="ConvRunKernel512{T}.CorrelatePlanes"/>): rows a multiple
    /// of 16 (float) or 8 (double) wide, odd and even numbers of runs, 8, 16, 24 and 32 channels (one- and two-vector
    /// filters), groups; and 12 channels, which fall back to the channels-last tiles.
    /// </summary>
    public static TheoryData<DirectConvolutionTests.Case> PlaneCases =>
    [
        new("16 channels, 16 wide, 3 rows", [2, 16, 3, 16], [16, 16, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("16 channels, 32 wide, 5x5", [1, 16, 5, 32], [16, 16, 5, 5], (1, 1), (2, 2, 2, 2), (1, 1), 1),
        new("8 channels, 8 wide", [1, 8, 5, 8], [8, 8, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("groups 2 of 16 channels, 16 wide", [1, 32, 2, 16], [32, 16, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 2),
        new("12 channels, 16 wide", [2, 12, 3, 16], [12, 12, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("16 to 32 channels, 16 wide", [1, 16, 3, 16], [32, 16, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("8 to 24 channels, 32 wide", [1, 8, 2, 32], [24, 8, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
        new("4 to 16 channels, 8 wide", [1, 4, 3, 8], [16, 4, 3, 3], (1, 1), (1, 1, 1, 1), (1, 1), 1),
    ];

    [Theory]
    [MemberData(nameof(PlaneCases))]
    public void Channels_first_tiles_give_bitwise_the_same_float32_results(DirectConvolutionTests.Case c) =>
        Paired_narrow_tiles_give_bitwise_the_same_float32_results(c);

    [Theory]
    [MemberData(nameof(PlaneCases))]
    public void Channels_first_tiles_match_naive_loops_in_float64(DirectConvolutionTests.Case c) =>
        Avx512_tiles_match_naive_loops_in_float64(c);

    /// <summary>
    /// <see cref="ConvTiles.PositionRuns"/>: two one-vector tiles of consecutive positions per call, or the channels-first
    /// tile, give the bits of one tile per call, also where tiles cross output rows (not runs) or a plane has an odd tile count.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Paired_narrow_tiles_give_bitwise_the_same_float32_results(DirectConvolutionTests.Case c)
    {
        bool saved = ConvTiles.PositionRuns;
        try
        {
            ConvTiles.PositionRuns = false;
            var single = Run(c, true);
            ConvTiles.PositionRuns = true;
            var paired = Run(c, true);
            Assert.Equal(single.Y, paired.Y);
            Assert.Equal(single.Dx, paired.Dx);
            Assert.Equal(single.Dw, paired.Dw);
        }
        finally
        {
            ConvTiles.PositionRuns = saved;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Avx512_tiles_match_naive_loops_in_float64(DirectConvolutionTests.Case c)
    {
        bool saved = ConvTiles.Wide;
        try
        {
            ConvTiles.Wide = true;
            var x = WithGrad(Tensor.Uniform(new Shape(c.X), -1, 1, new Random(21), DType.Float64));
            var w = WithGrad(Tensor.Uniform(new Shape(c.W), -1, 1, new Random(22), DType.Float64));
            var y = ConvOps.Conv2d(x, w, null, c.Stride, c.Pad, c.Dilation, c.Groups);
            var dy = Tensor.Uniform(y.Shape, -1, 1, new Random(23), DType.Float64);
            y.Backward(dy);
            double[] xs = x.ToArray<double>(), ws = w.ToArray<double>(), dys = dy.ToArray<double>();
            var expY = ConvReference.Conv2d(xs, c.X, ws, c.W, new double[c.W[0]], c.Stride, c.Pad, c.Dilation, c.Groups, out _);
            var (expDx, expDw) = ConvReference.Conv2dBackward(xs, c.X, ws, c.W, dys, c.Stride, c.Pad, c.Dilation, c.Groups);
            Naive.AssertClose(expY, y.ToArray<double>(), 1e-12);
            Naive.AssertClose(expDx, x.Grad!.ToArray<double>(), 1e-12);
            Naive.AssertClose(expDw, w.Grad!.ToArray<double>(), 1e-12);
        }
        finally
        {
            ConvTiles.Wide = saved;
        }
    }
}
