using System.Buffers.Binary;
using System.Text;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

/// <summary>Hand-crafted broken files: each must fail with <see cref="InvalidDataException"/> naming the file and the problem.</summary>
public class SafeTensorsCorruptFileTests
{
    /// <summary>A file with the given header text (unpadded) and <paramref name="dataBytes"/> bytes of data.</summary>
    private static byte[] File(string header, int dataBytes) => File(header, (ulong)Encoding.UTF8.GetByteCount(header), dataBytes);

    private static byte[] File(string header, ulong claimedLength, int dataBytes)
    {
        var text = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + text.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimedLength);
        text.CopyTo(bytes, 8);
        return bytes;
    }

    private static string ReadFails(byte[] bytes)
    {
        using var fx = new Fixture();
        string path = fx.Scratch("bad.safetensors");
        System.IO.File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
        return e.Message;
    }

    private const string Valid = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[1],"data_offsets":[8,12]}}""";

    [Fact]
    public void The_valid_baseline_reads()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("ok.safetensors");
        System.IO.File.WriteAllBytes(path, File(Valid, 12));
        Assert.Equal(["a", "b"], SafeTensors.Read(path).Tensors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Shorter_than_the_length_prefix(int length) =>
        Assert.Contains("too short for the 8-byte header length", ReadFails(new byte[length]));

    [Fact]
    public void Header_length_beyond_the_file_size() =>
        Assert.Contains("header length 1000 exceeds the 120 bytes that follow it", ReadFails(File(Valid, 1000, 12)));

    [Fact]
    public void Absurd_header_length() =>
        Assert.Contains($"header length {ulong.MaxValue} exceeds", ReadFails(File(Valid, ulong.MaxValue, 12)));

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},}""")]
    [InlineData("""{"a":{'dtype':"F32"}}""")]
    [InlineData("""{} {"b":2}""")]
    [InlineData("")]
    [InlineData("not json")]
    public void Invalid_json(string header) =>
        Assert.Contains("not valid JSON", ReadFails(File(header, 8)));

    [Fact]
    public void Invalid_utf8_in_a_name()
    {
        var bytes = File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        bytes[10] = 0xFF; // the 'a'
        Assert.Contains("not valid JSON", ReadFails(bytes));
    }

    [Theory]
    [InlineData("""[1, 2]""", "not a JSON object")]
    [InlineData("""{"a":[1]}""", "not an object")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", "lacks 'data_offsets'")]
    [InlineData("""{"a":{"dtype":"F32","data_offsets":[0,8]}}""", "lacks 'shape'")]
    [InlineData("""{"a":{"shape":[2],"data_offsets":[0,8]}}""", "lacks 'dtype'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""", "unexpected key 'extra'")]
    [InlineData("""{"a":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "'dtype' twice")]
    [InlineData("""{"a":{"dtype":7,"shape":[2],"data_offsets":[0,8]}}""", "dtype that is not a string")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}""", "lists 'a' twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "shape entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}""", "shape entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}""", "shape entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3000000000],"data_offsets":[0,8]}}""", "shape entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}""", "shape that is not an array")]
    [InlineData("""{"a":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,8]}}""", "more elements than a tensor can hold")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", "1 data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}""", "3 data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "end before they begin")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", "not a non-negative integer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,18446744073709551615]}}""", "not a non-negative integer")]
    [InlineData("""{"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "metadata values must be strings")]
    [InlineData("""{"__metadata__":["k"],"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "'__metadata__' is not an object")]
    [InlineData("""{"__metadata__":{"k":"1","k":"2"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "metadata 'k' appears twice")]
    public void Malformed_header_structure(string header, string problem) =>
        Assert.Contains(problem, ReadFails(File(header, 8)));

    [Theory]
    [InlineData("U16")]
    [InlineData("F8_E4M3")]
    [InlineData("C64")]
    [InlineData("f32")]
    [InlineData("FLOAT")]
    public void Unknown_or_unsupported_dtype(string code) =>
        Assert.Contains($"dtype '{code}', which Dendrite does not read",
            ReadFails(File($$$"""{"a":{"dtype":"{{{code}}}","shape":[2],"data_offsets":[0,8]}}""", 8)));

    [Fact]
    public void Shape_and_offsets_disagree()
    {
        string message = ReadFails(File("""{"a":{"dtype":"F64","shape":[2,3],"data_offsets":[0,24]}}""", 24));
        Assert.Contains("'a' (F64 [2, 3], data_offsets [0, 24]) should span 48 bytes", message);
        Assert.Contains("span 24", message);
    }

    [Fact]
    public void Offsets_out_of_range() =>
        Assert.Contains("past the end of the data buffer, which holds 12 bytes",
            ReadFails(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[1],"data_offsets":[1000,1004]}}""", 12)));

    [Fact]
    public void Overlapping_tensors() =>
        Assert.Contains("'b' (I32 [1], data_offsets [4, 8]) overlaps tensor 'a'",
            ReadFails(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[1],"data_offsets":[4,8]}}""", 8)));

    [Fact]
    public void Gap_between_tensors() =>
        Assert.Contains("bytes [8, 12) of the data buffer belong to no tensor",
            ReadFails(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[1],"data_offsets":[12,16]}}""", 16)));

    [Fact]
    public void Trailing_bytes_after_the_last_tensor() =>
        Assert.Contains("the tensors cover 12 bytes but the data buffer holds 20", ReadFails(File(Valid, 20)));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(11)]
    public void Truncated_data(int cut)
    {
        string message = ReadFails(File(Valid, 12)[..^cut]);
        Assert.Contains("past the end of the data buffer", message);
        Assert.Contains("truncated", message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(50)]
    public void Truncated_inside_the_header(int keep) =>
        Assert.Contains("exceeds the", ReadFails(File(Valid, 12)[..keep]));

    [Fact]
    public void Nothing_is_returned_when_a_later_tensor_is_bad()
    {
        // The first tensor is fine; validation of the whole header happens before any tensor is built.
        string message = ReadFails(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"U16","shape":[1],"data_offsets":[8,10]}}""", 10));
        Assert.Contains("'b' has dtype 'U16'", message);
    }
}
