using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Data;

/// <summary>
/// Reads and writes numpy's <c>.npy</c> format: a magic string, a version, a Python-dict header
/// (<c>descr</c>, <c>fortran_order</c>, <c>shape</c>) and the raw little-endian elements.
/// </summary>
/// <remarks>
/// <para>Reading accepts format versions 1.0, 2.0 and 3.0 and the element types <c>&lt;f4</c> (→ Float32),
/// <c>&lt;f8</c> (→ Float64), <c>&lt;i4</c> (→ Int32), <c>&lt;i8</c> (→ Int32, every value checked to fit), and the
/// one-byte types <c>|u1</c>, <c>|i1</c> and <c>|b1</c> (→ Int32, exact; convert with <see cref="Tensor.To"/>).
/// Fortran-ordered arrays are transposed into row-major order, so the values keep their indices.</para>
/// <para>Writing produces version 1.0 with <c>&lt;f4</c>, <c>&lt;f8</c> or <c>&lt;i4</c>, C order, the data aligned to 64 bytes.</para>
/// <para>A malformed file throws <see cref="InvalidDataException"/> whose message names the file and the problem.</para>
/// </remarks>
public static class Npy
{
    /// <summary>The six bytes every .npy file starts with: 0x93 then "NUMPY".</summary>
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private const int MaxHeaderLength = 1 << 20;
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads the array stored in the .npy file at <paramref name="path"/>.</summary>
    public static Tensor Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads one .npy array from <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
    public static Tensor Read(Stream stream, string source = "stream")
    {
        var header = ReadHeader(stream, source);
        var element = NpyElement.Parse(header.Descr, source);
        int[] dims = header.FortranOrder ? [.. header.Dims.Reverse()] : header.Dims;
        long count = dims.Contains(0) ? 0 : 1;
        foreach (int d in dims) count = Math.Min(count * d, (long)Array.MaxLength + 1); // saturates, never overflows
        if (count > Array.MaxLength)
            throw new InvalidDataException($"{source}: the array has shape ({string.Join(", ", header.Dims)}), more elements than a tensor can hold.");
        long bytes = count * element.Size;
        if (bytes > Array.MaxLength)
            throw new InvalidDataException($"{source}: the array has shape ({string.Join(", ", header.Dims)}) of {element.Descr}, {bytes} bytes: more than one array can hold.");
        // Nothing is allocated for the data until the stream has shown it holds it: a file's length is checked first; a
        // stream without one (an .npz entry) is read into memory that grows with the bytes that actually arrive.
        if (stream.CanSeek && stream.Length - stream.Position < bytes)
            throw new InvalidDataException($"{source}: truncated .npy data: expected {bytes} bytes of {element.Descr} but found {stream.Length - stream.Position}.");
        var data = stream.CanSeek ? stream : new MemoryStream(BoundedRead.Exactly(stream, bytes, out long got)
            ?? throw new InvalidDataException($"{source}: truncated .npy data: expected {bytes} bytes of {element.Descr} but found {got}."), writable: false);
        var tensor = Tensor.Zeros(new Shape(dims), element.DType);
        ReadElements(data, element, tensor.Storage, (int)count, source);
        if (!header.FortranOrder || dims.Length < 2) return tensor;
        // Stored column-major: the bytes form the transpose in row-major order; reversing the axes restores the indices.
        return tensor.Permute([.. Enumerable.Range(0, dims.Length).Reverse()]).Clone();
    }

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="path"/> as .npy (version 1.0, C order), atomically.</summary>
    public static void Write(string path, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        AtomicFile.Write(path, stream => Write(stream, tensor));
    }

    /// <summary>Writes <paramref name="tensor"/> as .npy (version 1.0, C order) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var element = NpyElement.For(tensor.DType);
        stream.Write(new NpyHeader(element.Descr, false, tensor.Shape.ToArray()).Encode());
        var data = tensor.Detach().Contiguous();
        var buffer = new byte[Math.Min(ChunkBytes, Math.Max(element.Size, data.Count * element.Size))];
        int perChunk = buffer.Length / element.Size;
        for (int start = 0; start < data.Count; start += perChunk)
        {
            int n = Math.Min(perChunk, data.Count - start);
            element.Encode(data.Storage, data.Offset + start, n, buffer);
            stream.Write(buffer, 0, n * element.Size);
        }
    }

    private static NpyHeader ReadHeader(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[8];
        int got = ReadFully(stream, prefix, source, "the magic string");
        if (got < Magic.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not an .npy file (bad magic bytes; expected \\x93NUMPY).");
        if (got < prefix.Length) throw Truncated(source, "the format version");
        byte major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3)
            throw new InvalidDataException($"{source}: unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are supported).");
        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        if (ReadFully(stream, lengthBytes, source, "the header length") < lengthBytes.Length) throw Truncated(source, "the header length");
        long length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (length > MaxHeaderLength)
            throw new InvalidDataException($"{source}: the .npy header claims {length} bytes, which is implausible (corrupt file?).");
        var text = new byte[length];
        if (ReadFully(stream, text, source, "the header") < length) throw Truncated(source, $"the header (expected {length} bytes)");
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        return NpyHeader.Parse(encoding.GetString(text), source);
    }

    private static void ReadElements(Stream stream, NpyElement element, Array storage, int count, string source)
    {
        long expected = (long)count * element.Size;
        var buffer = new byte[Math.Min(ChunkBytes, Math.Max(element.Size, expected))];
        int perChunk = buffer.Length / element.Size;
        for (int start = 0; start < count; start += perChunk)
        {
            int n = Math.Min(perChunk, count - start);
            int got = ReadFully(stream, buffer.AsSpan(0, n * element.Size), source, "the array data");
            if (got < n * element.Size)
                throw new InvalidDataException($"{source}: truncated .npy data: expected {expected} bytes of {element.Descr} but found {(long)start * element.Size + got}.");
            element.Decode(buffer, n, storage, start, source);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static int ReadFully(Stream stream, Span<byte> buffer, string source, string what)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: could not read {what}: {e.Message}", e);
        }
    }

    private static InvalidDataException Truncated(string source, string what) =>
        new($"{source}: truncated .npy file: it ends inside {what}.");
}
