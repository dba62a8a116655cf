using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class NpyTests
{
    public static TheoryData<DType, int[]> RoundTripCases => new()
    {
        { DType.Float32, [2, 3] },
        { DType.Float64, [4] },
        { DType.Int32, [2, 1, 3] },
        { DType.Float64, [] },
        { DType.Float32, [0, 3] },
        { DType.Int32, [0] },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void WriteThenRead_GivesBackShapeDTypeAndValues(DType dtype, int[] dims)
    {
        using var fx = new Fixture();
        var shape = new Shape(dims);
        var original = Tensor.Arange(0, shape.Count, dtype: DType.Float64).Reshape(dims).To(dtype);
        if (dtype != DType.Int32) original = original * 0.37 - 1.5;
        string path = fx.Scratch("a.npy");
        Npy.Write(path, original);
        var back = Npy.Read(path);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(dtype, back.DType);
        Assert.Equal(original.ToArray<double>(), back.ToArray<double>());
        Assert.Empty(Directory.GetFiles(fx.Folder, "*.tmp")); // the temp file was renamed, not left behind
    }

    [Fact]
    public void Write_NonContiguousView_WritesLogicalOrder()
    {
        using var fx = new Fixture();
        var m = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]);
        Npy.Write(fx.Scratch("t.npy"), m.T);
        var back = Npy.Read(fx.Scratch("t.npy"));
        Assert.Equal(new Shape(3, 2), back.Shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], back.ToArray<double>());
    }

    [Fact]
    public void Write_DataStartsOn64ByteBoundary()
    {
        using var fx = new Fixture();
        Npy.Write(fx.Scratch("a.npy"), Tensor.Zeros([3, 5]));
        Assert.Equal(0, (new FileInfo(fx.Scratch("a.npy")).Length - 3 * 5 * 4) % 64);
    }

    private static double[] HalfSteps(int n) => [.. Enumerable.Range(0, n).Select(i => i * 0.5 - 1)];

    [Theory]
    [InlineData("f4_2x3.npy", DType.Float32, new[] { 2, 3 })]
    [InlineData("f8_4.npy", DType.Float64, new[] { 4 })]
    [InlineData("f8_v2_2x3.npy", DType.Float64, new[] { 2, 3 })]
    [InlineData("f8_v3_2x3.npy", DType.Float64, new[] { 2, 3 })]
    [InlineData("f4_empty_0x3.npy", DType.Float32, new[] { 0, 3 })]
    public void Read_NumpyFloatFixtures(string name, DType dtype, int[] dims)
    {
        var t = Npy.Read(Fixture.Path(name));
        Assert.Equal(dtype, t.DType);
        Assert.Equal(new Shape(dims), t.Shape);
        Assert.Equal(HalfSteps(t.Count), t.ToArray<double>());
    }

    [Fact]
    public void Read_NumpyScalar_IsRankZero()
    {
        var t = Npy.Read(Fixture.Path("f8_scalar.npy"));
        Assert.Equal(0, t.Rank);
        Assert.Equal(3.25, t.Item());
    }

    [Fact]
    public void Read_FortranOrder_KeepsIndices()
    {
        var t = Npy.Read(Fixture.Path("f8_fortran_2x3x4.npy"));
        Assert.Equal(new Shape(2, 3, 4), t.Shape);
        Assert.Equal(HalfSteps(24), t.ToArray<double>());
        Assert.Equal((1 * 12 + 2 * 4 + 3) * 0.5 - 1, t.Get(1, 2, 3));
    }

    [Theory]
    [InlineData("i4_2x2.npy", new[] { 2, 2 }, new[] { 1, -2, int.MaxValue, int.MinValue })]
    [InlineData("i8_3.npy", new[] { 3 }, new[] { 0, -5, int.MaxValue })]
    [InlineData("u1_2x2.npy", new[] { 2, 2 }, new[] { 0, 1, 128, 255 })]
    [InlineData("b1_3.npy", new[] { 3 }, new[] { 1, 0, 1 })]
    public void Read_NumpyIntegerFixtures_BecomeInt32(string name, int[] dims, int[] values)
    {
        var t = Npy.Read(Fixture.Path(name));
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal(new Shape(dims), t.Shape);
        Assert.Equal(values, t.ToArray<int>());
    }
}
