using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Dendrite.Data;

namespace Dendrite.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range, then the raw
/// little-endian data buffer.
/// </summary>
/// <remarks>
/// <para>Dtypes: F32 ↔ Float32, F64 ↔ Float64, I32 ↔ Int32; PyTorch's F16 and BF16 are read as Float32 (exactly),
/// I64, I16, I8, U8 and BOOL as Int32 (an I64 value outside int32 fails the read; see <see cref="SafeTensorsDType"/>).
/// A state dict load then converts each tensor to its model tensor's dtype without changing a value. The writer pads the header with spaces to a multiple of
/// 8 bytes and lays the tensors out back to back in the order given; files from other writers may order them any way.</para>
/// <para>Reading checks everything the reference implementation checks and throws <see cref="InvalidDataException"/>
/// naming the file and the problem; nothing is returned from a file that fails any check.</para>
/// <para>Integrity: the writer adds a CRC-32C of each tensor's bytes and of the header to <c>__metadata__</c>, and the reader
/// verifies them, naming the file and the tensor whose bytes changed (see <see cref="SafeTensorsChecksums"/>); files
/// without checksums (from other tools) load unchecked. <see cref="SafeTensorsFile.Metadata"/> never shows the checksum keys,
/// and a caller's metadata may not use them.</para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>Reads every tensor and the metadata of the safetensors file at <paramref name="path"/>.</summary>
    public static SafeTensorsFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads one safetensors file from <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <remarks>A seekable stream is read to its end; a non-seekable one up to the last tensor's data, and must end there.</remarks>
    public static SafeTensorsFile Read(Stream stream, string source = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < prefix.Length)
            throw SafeTensorsHeader.Bad(source, $"truncated: {got} bytes, too short for the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
        if (remaining is long r && headerLength > (ulong)r)
            throw SafeTensorsHeader.Bad(source, $"the header length {headerLength} exceeds the {r} bytes that follow it in the file");
        if (headerLength > SafeTensorsHeader.MaxLength)
            throw SafeTensorsHeader.Bad(source, $"the header length {headerLength} exceeds the {SafeTensorsHeader.MaxLength}-byte limit");

        var header = new byte[headerLength];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw SafeTensorsHeader.Bad(source, $"truncated: the header should be {headerLength} bytes but the stream ends after {got}");
        var (entries, metadata, checksumAt) = SafeTensorsHeader.Parse(header, source);
        long dataLength = remaining is long left ? left - header.Length : entries.Select(e => e.End).DefaultIfEmpty(0).Max();
        SafeTensorsHeader.Validate(entries, dataLength, source);
        var checksums = SafeTensorsChecksums.Verify(header, checksumAt, entries, metadata, source);

        var tensors = new Dictionary<string, Tensor>();
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            var tensor = Tensor.Empty(e.Shape, e.DType);
            var bytes = e.Stored.IsNative ? Bytes(tensor) : new byte[e.End - e.Begin];
            got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
                throw SafeTensorsHeader.Bad(source, $"truncated: the data of tensor {e} ends after {got} of its {bytes.Length} bytes");
            SafeTensorsChecksums.Check(checksums, e.Name, bytes, source);
            if (e.Stored.IsNative) FromLittleEndian(tensor);
            else e.Stored.Decode(bytes, tensor, $"{source}: tensor '{e.Name}'");
            tensors.Add(e.Name, tensor);
        }
        if (remaining is null && stream.ReadByte() >= 0)
            throw SafeTensorsHeader.Bad(source, $"the stream goes on after the {dataLength} bytes the tensors cover");

        var ordered = new OrderedDictionary<string, Tensor>(entries.Count);
        foreach (var e in entries) ordered.Add(e.Name, tensors[e.Name]);
        return new SafeTensorsFile(ordered, metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> (in order) and <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    /// <remarks>The file is written beside the target and renamed over it, so a failure leaves any existing file intact.</remarks>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, tensors, metadata, wrap: null);

    /// <summary>Writes <paramref name="tensors"/> (in order) and <paramref name="metadata"/> as one safetensors file to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var layout = Layout(tensors, metadata);
        Write(stream, layout.Header, layout.Tensors);
    }

    /// <summary>The atomic file write, with <paramref name="wrap"/> letting tests interpose a stream that fails part-way.</summary>
    internal static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata, Func<Stream, Stream>? wrap)
    {
        var layout = Layout(tensors, metadata);
        AtomicFile.Write(path, stream => Write(wrap is null ? stream : wrap(stream), layout.Header, layout.Tensors));
    }

    private static (byte[] Header, List<Tensor> Tensors) Layout(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = new List<SafeTensorsEntry>();
        var data = new List<Tensor>();
        var crcs = new List<(string, uint)>();
        var names = new HashSet<string>();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (tensor is null) throw new ArgumentNullException(nameof(tensors), $"Tensor '{name}' is null.");
            if (name == SafeTensorsHeader.MetadataKey) throw new ArgumentException($"'{name}' is reserved for the metadata and cannot name a tensor.", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"Two tensors are named '{name}'.", nameof(tensors));
            long size = (long)tensor.Count * tensor.DType.ElementSize();
            entries.Add(new SafeTensorsEntry(name, SafeTensorsDType.Of(tensor.DType), tensor.Shape, offset, offset + size));
            var stored = LittleEndian(tensor);
            crcs.Add((name, Crc32C.Compute(Bytes(stored))));
            data.Add(stored);
            offset += size;
        }
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            if (key is null || value is null) throw new ArgumentException("Metadata keys and values cannot be null.", nameof(metadata));
        var header = SafeTensorsHeader.Encode(entries, SafeTensorsChecksums.Add(metadata, crcs));
        SafeTensorsChecksums.Seal(header);
        return (header, data);
    }

    private static void Write(Stream stream, byte[] header, List<Tensor> tensors)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var tensor in tensors) stream.Write(Bytes(tensor));
    }

    /// <summary>A contiguous tensor whose bytes are <paramref name="tensor"/>'s elements in little-endian order (itself, or a view, on a little-endian machine).</summary>
    private static Tensor LittleEndian(Tensor tensor)
    {
        var data = tensor.Detach().Contiguous();
        if (BitConverter.IsLittleEndian) return data;
        data = data.Clone();
        FromLittleEndian(data); // the swap is its own inverse
        return data;
    }

    /// <summary>The bytes of a contiguous tensor's elements, in the machine's byte order.</summary>
    private static Span<byte> Bytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.Span<float>()),
        DType.Float64 => MemoryMarshal.AsBytes(t.Span<double>()),
        _ => MemoryMarshal.AsBytes(t.Span<int>()),
    };

    /// <summary>Swaps each element's bytes on a big-endian machine; does nothing on a little-endian one.</summary>
    private static void FromLittleEndian(Tensor t)
    {
        if (BitConverter.IsLittleEndian) return;
        if (t.DType == DType.Float64)
        {
            var longs = MemoryMarshal.Cast<double, long>(t.Span<double>());
            BinaryPrimitives.ReverseEndianness(longs, longs);
        }
        else
        {
            var ints = MemoryMarshal.Cast<byte, int>(Bytes(t));
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }
    }
}
