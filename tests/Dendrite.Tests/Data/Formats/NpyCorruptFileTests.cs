using System.Text;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class NpyCorruptFileTests
{
    private static byte[] ValidFile()
    {
        using var ms = new MemoryStream();
        Npy.Write(ms, Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]));
        return ms.ToArray();
    }

    /// <summary>A v1.0 file with the given header text (padded) followed by <paramref name="dataBytes"/> zero bytes.</summary>
    private static byte[] WithHeader(string header, int dataBytes)
    {
        var text = Encoding.Latin1.GetBytes(header + "\n");
        var bytes = new byte[10 + text.Length + dataBytes];
        Npy.Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[8] = (byte)text.Length;
        text.CopyTo(bytes, 10);
        return bytes;
    }

    private static InvalidDataException ReadFails(byte[] bytes, string fileName = "bad.npy")
    {
        using var fx = new Fixture();
        string path = fx.Scratch(fileName);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void TruncatedData_NamesExpectedAndFoundBytes()
    {
        var bytes = ValidFile();
        var e = ReadFails(bytes[..^5]);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("expected 48 bytes", e.Message);
        Assert.Contains("found 43", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(40)]
    public void TruncatedAnywhereInHeader_Throws(int keep)
    {
        var e = ReadFails(ValidFile()[..keep]);
        Assert.True(e.Message.Contains("truncated") || e.Message.Contains("magic"), e.Message);
    }

    [Fact]
    public void BadMagic_Throws()
    {
        var bytes = ValidFile();
        bytes[1] = (byte)'X';
        Assert.Contains("bad magic", ReadFails(bytes).Message);
    }

    [Fact]
    public void UnknownVersion_Throws() =>
        Assert.Contains("version 9.0", ReadFails([.. ValidFile()[..6], 9, 0, .. ValidFile()[8..]]).Message);

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3) ", "expected '}'")]
    [InlineData("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2, 3), }", "True or False")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }", "dimension")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,), }", "dimension")]
    [InlineData("{'descr': '<f8', 'shape': (2, 3), }", "keys")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", "unexpected key")]
    [InlineData("{'descr: '<f8', 'fortran_order': False, 'shape': (2, 3), }", "does not parse")]
    [InlineData("not a dict at all", "does not parse")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "structured")]
    public void HeaderThatDoesNotParse_Throws(string header, string expected) =>
        Assert.Contains(expected, ReadFails(WithHeader(header, 48)).Message);

    [Fact]
    public void HeaderLongerThanFile_IsTruncated()
    {
        var bytes = ValidFile()[..20];
        bytes[8] = 0xFF; // claims a 65535-byte header
        Assert.Contains("truncated", ReadFails(bytes).Message);
    }

    [Theory]
    [InlineData("c8_2.npy", "unsupported .npy dtype '<c8'")]
    [InlineData("be_f4_2.npy", "big-endian")]
    [InlineData("i8_overflow.npy", "2147483648")]
    public void UnsupportedOrUnrepresentableNumpyData_Throws(string fixture, string expected)
    {
        string path = Fixture.Path(fixture);
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void HugeShape_IsRejectedBeforeAllocating() =>
        Assert.Contains("more elements", ReadFails(WithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", 8)).Message);
}
