using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

using Dendrite.Tests.Serialization.TensorBoard;

namespace Dendrite.Tests.Serialization;

public class SafeTensorsTests
{
    private static SafeTensorsFile RoundTrip(OrderedDictionary<string, Tensor> tensors, Dictionary<string, string>? metadata = null)
    {
        using var fx = new Fixture();
        string path = fx.Scratch("t.safetensors");
        SafeTensors.Write(path, tensors, metadata);
        return SafeTensors.Read(path);
    }

    private static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        switch (expected.DType)
        {
            case DType.Float32: Assert.Equal(expected.ToArray<float>(), actual.ToArray<float>()); break;
            case DType.Float64: Assert.Equal(expected.ToArray<double>(), actual.ToArray<double>()); break;
            default: Assert.Equal(expected.ToArray<int>(), actual.ToArray<int>()); break;
        }
    }

    [Fact]
    public void Float32_float64_and_int32_round_trip_exactly_in_order()
    {
        var tensors = new OrderedDictionary<string, Tensor>
        {
            ["z.f32"] = Tensor.FromArray([1.5f, -0f, float.MaxValue, float.Epsilon, float.NaN, float.NegativeInfinity], [2, 3]),
            ["a.f64"] = Tensor.FromArray([Math.PI, -1e-300, double.PositiveInfinity, 0.1], [2, 1, 2]),
            ["m.i32"] = Tensor.FromArray([int.MinValue, -1, 0, int.MaxValue], [4]),
        };
        var file = RoundTrip(tensors);
        Assert.Equal(["z.f32", "a.f64", "m.i32"], file.Tensors.Keys);
        foreach (var (name, t) in tensors) AssertSame(t, file.Tensors[name]);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Rank0_and_empty_tensors_round_trip()
    {
        var tensors = new OrderedDictionary<string, Tensor>
        {
            ["scalar"] = Tensor.Scalar(2.5, DType.Float64),
            ["empty"] = Tensor.Zeros([0, 3]),
            ["empty_int"] = Tensor.Zeros([4, 0], DType.Int32),
            ["after"] = Tensor.FromArray([7, 8]),
        };
        var file = RoundTrip(tensors);
        Assert.Equal(0, file.Tensors["scalar"].Rank);
        Assert.Equal(2.5, file.Tensors["scalar"].Item());
        foreach (var (name, t) in tensors) AssertSame(t, file.Tensors[name]);
    }

    [Fact]
    public void No_tensors_at_all_round_trips()
    {
        var file = RoundTrip([], new() { ["only"] = "metadata" });
        Assert.Empty(file.Tensors);
        Assert.Equal("metadata", file.Metadata["only"]);
    }

    [Fact]
    public void Metadata_and_unusual_names_round_trip()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["quote\"and\\slash"] = "line\nbreak", ["ünï"] = "✓ <&>+'", ["empty"] = "" };
        var file = RoundTrip(new() { ["a+b <c> \"q\" ✓"] = Tensor.FromArray([1f]) }, metadata);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(["a+b <c> \"q\" ✓"], file.Tensors.Keys);
    }

    [Fact]
    public void Views_are_written_as_their_logical_values()
    {
        var t = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]).Transpose(0, 1);
        Assert.False(t.IsContiguous);
        AssertSame(t.Clone(), RoundTrip(new() { ["t"] = t }).Tensors["t"]);
    }

    [Fact]
    public void Layout_follows_the_format_byte_for_byte()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, new OrderedDictionary<string, Tensor> { ["w"] = Tensor.FromArray([1f, 2f]), ["i"] = Tensor.FromArray([3]) },
            new Dictionary<string, string> { ["k"] = "v" });
        var bytes = ms.ToArray();
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        Assert.Equal(8 + n + 12, bytes.Length);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        byte[] w = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40], i = [3, 0, 0, 0];
        string Hex(uint crc) => crc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        string sealedAs(string headerCrc) =>
            $$$"""{"__metadata__":{"dendrite.crc32c.header":"{{{headerCrc}}}","k":"v","dendrite.crc32c.tensor.w":"{{{Hex(EventFileReader.Crc32C(w))}}}","dendrite.crc32c.tensor.i":"{{{Hex(EventFileReader.Crc32C(i))}}}"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"i":{"dtype":"I32","shape":[1],"data_offsets":[8,12]}}""";
        string unsealed = sealedAs("00000000").PadRight((int)n);
        Assert.Equal(sealedAs(Hex(EventFileReader.Crc32C(Encoding.UTF8.GetBytes(unsealed)))), header.TrimEnd(' '));
        Assert.Equal([.. w, .. i], bytes[(int)(8 + n)..]);
    }

    [Fact]
    public void Reads_from_a_stream_that_cannot_seek()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, new OrderedDictionary<string, Tensor> { ["b"] = Tensor.FromArray([1.0, 2.0]), ["a"] = Tensor.FromArray([3]) });
        var file = SafeTensors.Read(new ForwardOnlyStream(ms.ToArray()));
        Assert.Equal(["b", "a"], file.Tensors.Keys);
        Assert.Equal([1.0, 2.0], file.Tensors["b"].ToArray<double>());

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new ForwardOnlyStream([.. ms.ToArray(), 0]), "piped"));
        Assert.Contains("piped", e.Message);
        Assert.Contains("goes on after", e.Message);
        e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new ForwardOnlyStream(ms.ToArray()[..^3]), "piped"));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Read_tensors_own_their_memory_and_are_plain_leaves()
    {
        var source = Tensor.FromArray([1f, 2f]);
        source.RequiresGrad = true;
        var read = RoundTrip(new() { ["x"] = source }).Tensors["x"];
        Assert.False(read.RequiresGrad);
        Assert.True(read.IsLeaf);
        Assert.NotSame(source.Storage, read.Storage);
    }

    [Fact]
    public void Write_rejects_reserved_duplicate_and_null_entries()
    {
        using var ms = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(ms, [new("__metadata__", Tensor.FromArray([1f]))]));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(ms, [new("a", Tensor.FromArray([1f])), new("a", Tensor.FromArray([2f]))]));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Write(ms, [new("a", null!)]));
        Assert.Equal(0, ms.Length);
    }

    [Fact]
    public void Header_is_valid_json_to_an_independent_parser()
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, new OrderedDictionary<string, Tensor> { ["x\u0001\"y"] = Tensor.FromArray([1f]) });
        var bytes = ms.ToArray();
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, n));
        Assert.Equal("F32", doc.RootElement.GetProperty("x\u0001\"y").GetProperty("dtype").GetString());
    }

    /// <summary>A read-only stream that cannot seek or report its length, like a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 5));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
