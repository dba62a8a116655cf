using System.Buffers.Binary;

namespace Dendrite.Serialization;

/// <summary>
/// The TFRecord framing of an event file: each record is <c>uint64 length</c> (little-endian),
/// <c>uint32 masked_crc32c(length bytes)</c>, the data, <c>uint32 masked_crc32c(data)</c>; see <see cref="Crc32C.Mask"/>.
/// </summary>
internal static class TfRecord
{
    /// <summary>Appends one record holding <paramref name="data"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }
}
