using System.Buffers.Binary;
using System.IO.Compression;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class IdxTests
{
    /// <summary>An IDX file: big-endian magic and dimensions, then the bytes.</summary>
    private static byte[] IdxBytes(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest)) gz.Write(raw);
        return memory.ToArray();
    }

    private static readonly byte[] Pixels = [0, 51, 102, 153, 204, 255, 0, 255, 1, 2, 3, 4]; // 2 images of 2×3

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesAndLabels_RawOrGzip(bool gzip)
    {
        using var fx = new Fixture();
        byte[] images = IdxBytes(2051, [2, 2, 3], Pixels), labels = IdxBytes(2049, [2], [5, 9]);
        File.WriteAllBytes(fx.Scratch("img"), gzip ? Gzip(images) : images);
        File.WriteAllBytes(fx.Scratch("lbl"), gzip ? Gzip(labels) : labels);

        var x = Idx.ReadImages(fx.Scratch("img"));
        Assert.Equal(new Shape(2, 2, 3), x.Shape);
        Assert.Equal(Pixels.Select(p => p / 255f).ToArray(), x.ToArray<float>());
        var y = Idx.ReadLabels(fx.Scratch("lbl"));
        Assert.Equal(DType.Int32, y.DType);
        Assert.Equal([5, 9], y.ToArray<int>());
    }

    private static InvalidDataException Corrupt(byte[] bytes, string file, Func<string, object> read)
    {
        using var fx = new Fixture();
        string path = fx.Scratch(file);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void TruncatedPayload_NamesFileAndCounts()
    {
        var bytes = IdxBytes(2051, [2, 2, 3], Pixels)[..^3];
        var e = Corrupt(bytes, "short-idx3", Idx.ReadImages);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("9", e.Message);
    }

    [Fact]
    public void TruncatedGzip_IsInvalidData()
    {
        var gz = Gzip(IdxBytes(2051, [2, 2, 3], Pixels));
        Corrupt(gz[..(gz.Length / 2)], "short.gz", Idx.ReadImages);
    }

    [Fact]
    public void TruncatedHeader_IsInvalidData() =>
        Assert.Contains("header", Corrupt(IdxBytes(2051, [2, 2, 3], [])[..10], "hdr", Idx.ReadImages).Message);

    [Fact]
    public void BadMagic_IsInvalidData()
    {
        Assert.Contains("magic", Corrupt(IdxBytes(1234, [2], [1, 2]), "bad-magic", Idx.ReadLabels).Message);
        // A label file where images are expected names both numbers.
        var e = Corrupt(IdxBytes(2049, [2], [1, 2]), "labels-as-images", Idx.ReadImages);
        Assert.Contains("2049", e.Message);
        Assert.Contains("2051", e.Message);
    }

    [Fact]
    public void TrailingBytes_AreInvalidData() =>
        Corrupt(IdxBytes(2049, [2], [1, 2, 3]), "long", Idx.ReadLabels);

    [Fact]
    public void CountMismatch_BetweenImagesAndLabels_NamesBothFiles()
    {
        using var fx = new Fixture();
        File.WriteAllBytes(fx.Scratch("train-images-idx3-ubyte"), IdxBytes(2051, [2, 2, 3], Pixels));
        File.WriteAllBytes(fx.Scratch("train-labels-idx1-ubyte.gz"), Gzip(IdxBytes(2049, [3], [1, 2, 3])));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(fx.Folder));
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("3 labels", e.Message);
        Assert.Contains("2 images", e.Message);
    }

    [Fact]
    public void SmallFolder_LoadsFlatOrAsImages()
    {
        using var fx = new Fixture();
        File.WriteAllBytes(fx.Scratch("t10k-images-idx3-ubyte"), IdxBytes(2051, [2, 2, 3], Pixels));
        File.WriteAllBytes(fx.Scratch("t10k-labels-idx1-ubyte"), IdxBytes(2049, [2], [7, 0]));
        var (flat, y) = FashionMnist.Load(fx.Folder, train: false);
        Assert.Equal(new Shape(2, 6), flat.Shape);
        Assert.Equal([7, 0], y.ToArray<int>());
        var (images, _) = FashionMnist.Load(fx.Folder, train: false, flatten: false);
        Assert.Equal(new Shape(2, 1, 2, 3), images.Shape);
        Assert.Equal(flat.ToArray<float>(), images.ToArray<float>());
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        using var fx = new Fixture();
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(fx.Folder));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
    }
}
