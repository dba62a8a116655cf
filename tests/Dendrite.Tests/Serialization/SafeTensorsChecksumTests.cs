using System.Buffers.Binary;
using System.Text;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

/// <summary>The CRC-32C checksums in a written file's metadata: every flipped byte is caught, naming the file and (in the data) the tensor.</summary>
public class SafeTensorsChecksumTests
{
    private static readonly OrderedDictionary<string, Tensor> Tensors = new()
    {
        ["fc.weight"] = Tensor.FromArray([0.5f, -1.25f, 3f, 1e-3f, -7f, 2f], [2, 3]),
        ["fc.bias"] = Tensor.FromArray([1.0 / 3, -2.0], [2]),
        ["steps"] = Tensor.FromArray([7, -1, 42], [3]),
    };

    private static byte[] Written()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, Tensors, new Dictionary<string, string> { ["epoch"] = "3" });
        return ms.ToArray();
    }

    private static InvalidDataException ReadFails(Fixture fx, byte[] bytes)
    {
        string path = fx.Scratch("flipped.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    /// <summary>A file whose header is <paramref name="header"/> (padded to 8 bytes) followed by <see cref="Tensors"/>' data, unchecked.</summary>
    private static byte[] WithHeader(string header)
    {
        var written = Written();
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(written);
        var data = written[(int)(8 + n)..];
        var text = Encoding.UTF8.GetBytes(header.PadRight((header.Length + 7) / 8 * 8));
        var bytes = new byte[8 + text.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)text.Length);
        text.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + text.Length);
        return bytes;
    }

    private const string Entries = """
        "fc.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"fc.bias":{"dtype":"F64","shape":[2],"data_offsets":[24,40]},"steps":{"dtype":"I32","shape":[3],"data_offsets":[40,52]}
        """;

    [Fact]
    public void A_written_file_reads_back_with_its_metadata_and_without_the_checksum_keys()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("ok.safetensors");
        File.WriteAllBytes(path, Written());
        var file = SafeTensors.Read(path);
        Assert.Equal(new Dictionary<string, string> { ["epoch"] = "3" }, file.Metadata);
        Assert.Equal(Tensors["fc.weight"].ToArray<float>(), file.Tensors["fc.weight"].ToArray<float>());
        Assert.Contains("dendrite.crc32c.tensor.fc.bias", Encoding.UTF8.GetString(Written()));
    }

    [Fact]
    public void Every_flipped_byte_fails_the_read_and_a_flipped_data_byte_names_its_tensor()
    {
        using var fx = new Fixture();
        var original = Written();
        long dataStart = 8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(original);
        string[] owners = [.. Enumerable.Repeat("fc.weight", 24), .. Enumerable.Repeat("fc.bias", 16), .. Enumerable.Repeat("steps", 12)];
        Assert.Equal(original.Length, dataStart + owners.Length);
        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            for (int at = 0; at < original.Length; at++)
            {
                var bytes = (byte[])original.Clone();
                bytes[at] ^= mask;
                var e = ReadFails(fx, bytes);
                if (at >= dataStart) Assert.Contains($"tensor '{owners[at - dataStart]}' fails its CRC-32C check", e.Message);
            }
    }

    [Fact]
    public void A_flipped_metadata_value_fails_the_header_check()
    {
        using var fx = new Fixture();
        var bytes = Written();
        int at = Encoding.UTF8.GetString(bytes).IndexOf("\"epoch\":\"3\"", StringComparison.Ordinal) + 9;
        bytes[at] = (byte)'4'; // still valid JSON, still a valid layout: only the header CRC can tell
        Assert.Contains("the header fails its CRC-32C check", ReadFails(fx, bytes).Message);
    }

    [Fact]
    public void Files_without_checksums_still_load()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("other-tool.safetensors");
        File.WriteAllBytes(path, WithHeader("{\"__metadata__\":{\"format\":\"pt\"}," + Entries + "}"));
        var file = SafeTensors.Read(path);
        Assert.Equal([7, -1, 42], file.Tensors["steps"].ToArray<int>());
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Theory]
    [InlineData("\"dendrite.crc32c.tensor.fc.gone\":\"01234567\"", "holds the checksum of a tensor 'fc.gone' that the file does not have")]
    [InlineData("\"dendrite.crc32c.tensor.steps\":\"0123456\"", "is '0123456', not a CRC-32C of 8 lower-case hex digits")]
    [InlineData("\"dendrite.crc32c.tensor.steps\":\"0123456G\"", "not a CRC-32C of 8 lower-case hex digits")]
    [InlineData("\"dendrite.crc32c.tensor.steps\":\"+1234567\"", "not a CRC-32C of 8 lower-case hex digits")]
    [InlineData("\"dendrite.crc32c.header\":\"ABCDEF01\"", "not a CRC-32C of 8 lower-case hex digits")]
    [InlineData("\"dendrite.crc32c.header\":\"\\u0030bcdef01\"", "written with JSON escapes")]
    [InlineData("\"dendrite.crc32c.tensor.steps\":\"01234567\"", "has tensor checksums but no 'dendrite.crc32c.header'")]
    [InlineData("\"dendrite.crc32c.tensors\":\"01234567\"", "not a checksum key Dendrite knows")]
    public void Malformed_or_dangling_checksum_keys_are_errors(string entry, string expected)
    {
        using var fx = new Fixture();
        var e = ReadFails(fx, WithHeader("{\"__metadata__\":{" + entry + "}," + Entries + "}"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_caller_cannot_write_a_checksum_key_as_metadata()
    {
        using var ms = new MemoryStream();
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Write(ms, Tensors, new Dictionary<string, string> { ["dendrite.crc32c.header"] = "0" }));
        Assert.Contains("reserved", e.Message);
    }

    [Fact]
    public void A_checkpoint_with_a_flipped_weight_byte_does_not_load()
    {
        using var fx = new Fixture();
        var model = new Sequential(new Dense(3, 2, random: new Random(1)));
        string path = fx.Scratch("best.safetensors");
        Checkpoint.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x10; // the last byte: the bias (0.bias follows 0.weight)
        File.WriteAllBytes(path, bytes);
        var before = model.StateDict()["0.weight"].ToArray<float>();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("tensor '0.bias' fails its CRC-32C check", e.Message);
        Assert.Equal(before, model.StateDict()["0.weight"].ToArray<float>());
    }
}
