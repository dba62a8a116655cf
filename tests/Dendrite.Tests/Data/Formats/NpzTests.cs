using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class NpzTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_GivesBackEveryArrayInOrder(bool compress)
    {
        using var fx = new Fixture();
        var arrays = new Dictionary<string, Tensor>
        {
            ["W1"] = Tensor.FromArray([1f, -2f, 3.5f, 4f, 5f, 6f], [3, 2]),
            ["b1"] = Tensor.FromArray([0.1, 0.2, 0.3], [3, 1]),
            ["labels"] = Tensor.FromArray([1, 0, 1, 1], [4]),
            ["scalar"] = Tensor.Scalar(7.5, DType.Float64),
            ["empty"] = Tensor.Zeros([0, 4]),
        };
        string path = fx.Scratch("model.npz");
        Npz.Write(path, arrays, compress);
        var back = Npz.Read(path);
        Assert.Equal(arrays.Keys, back.Keys);
        foreach (var (name, t) in arrays)
        {
            Assert.Equal(t.Shape, back[name].Shape);
            Assert.Equal(t.DType, back[name].DType);
            Assert.Equal(t.ToArray<double>(), back[name].ToArray<double>());
        }
        Assert.Single(Directory.GetFiles(fx.Folder)); // no temp file left behind
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("deflated.npz")]
    public void Read_NumpySavezFixtures(string name)
    {
        var arrays = Npz.Read(Fixture.Path(name));
        Assert.Equal(["a", "b", "c"], arrays.Keys);
        Assert.Equal(DType.Float32, arrays["a"].DType);
        Assert.Equal(new Shape(2, 3), arrays["a"].Shape);
        Assert.Equal([-1.0, -0.5, 0, 0.5, 1, 1.5], arrays["a"].ToArray<double>());
        Assert.Equal([0, 1, 2, 3, 4], arrays["b"].ToArray<int>());
        Assert.Equal(2.5, arrays["c"].Item());
    }

    [Fact]
    public void Write_ReplacesAnExistingFile()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("a.npz");
        Npz.Write(path, new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros([100]) });
        Npz.Write(path, new Dictionary<string, Tensor> { ["y"] = Tensor.Ones([2]) });
        Assert.Equal(["y"], Npz.Read(path).Keys);
    }

    [Fact]
    public void TruncatedArchive_NamesTheFile()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("cut.npz");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture.Path("stored.npz"))[..300]);
        var e = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void NotAZip_NamesTheFile()
    {
        string path = Fixture.Path("f4_2x3.npy");
        var e = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("zip", e.Message);
    }

    [Fact]
    public void CorruptDeflatedEntry_NamesFileAndEntry()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("bad.npz");
        var bytes = File.ReadAllBytes(Fixture.Path("deflated.npz"));
        for (int i = 40; i < 90; i++) bytes[i] ^= 0x5A; // inside the first entry's compressed data
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Npz.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Write_RejectsBadNames()
    {
        using var fx = new Fixture();
        var e = Assert.Throws<ArgumentException>(() => Npz.Write(fx.Scratch("a.npz"), [new("", Tensor.Zeros([1]))]));
        Assert.Contains("invalid array name", e.Message);
        Assert.Throws<ArgumentException>(() => Npz.Write(fx.Scratch("a.npz"), [new("x", Tensor.Zeros([1])), new("x", Tensor.Zeros([1]))]));
    }
}
