using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>Bilinear resizing against torchvision 0.14's Resize(antialias=False) (Fixtures/make_png_fixtures.py).</summary>
public class ResizeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Resize_equals_torchvision_without_antialiasing(int k)
    {
        var fixture = Npz.Read(Fixture.Path("resize_bilinear.npz"));
        var x = fixture[$"x{k}"];
        var want = fixture[$"y{k}"];
        var resize = new Resize(want.Shape[1], want.Shape[2]);
        var y = resize.Apply(x);
        Assert.Equal(want.Shape, y.Shape);
        Assert.Equal(want.ToArray<double>(), y.ToArray<double>(), new Near(1e-12));
        // a batch [N, C, H, W] of float32 images gives the same values per image
        var batch = resize.Apply(Tensor.Stack([x, x]).To(DType.Float32), new Random(0));
        Assert.Equal([2, .. want.Shape.ToArray()], batch.Shape.ToArray());
        Assert.Equal(want.ToArray<double>().Concat(want.ToArray<double>()), batch.ToArray<float>().Select(v => (double)v), new Near(1e-6));
    }

    [Fact]
    public void A_non_image_is_refused_with_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => new Resize(4, 4).Apply(Tensor.Zeros([5, 5])));
        Assert.Contains("Resize(4×4) expects float images [C, H, W] or [N, C, H, W] but got Float32 [5, 5]", e.Message);
    }

    private sealed class Near(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(double value) => 0;
    }
}
