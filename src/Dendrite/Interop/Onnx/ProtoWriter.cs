using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Interop;

/// <summary>
/// Protocol-buffer wire encoding for the few ONNX messages the exporter writes: a field is a tag
/// (field number &lt;&lt; 3 | wire type) followed by a varint (type 0), a little-endian float (type 5) or a
/// length-delimited payload (type 2: strings, bytes, packed repeated integers and nested messages).
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, LengthDelimited = 2, Fixed32 = 5;
    private byte[] _buffer = new byte[64];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The encoded message.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Writes an int64/int32/enum field; negative values take ten bytes, as protobuf's two's-complement varint.</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    /// <summary>Writes a float field (wire type 5).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        return this;
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary>Writes a nested message as a length-delimited field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>Writes a repeated int64 field in packed form (one length-delimited run of varints).</summary>
    public ProtoWriter PackedInts(int field, IReadOnlyList<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long v in values) packed.WriteVarint((ulong)v);
        return Bytes(field, packed.Written);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }
        Reserve(1)[0] = (byte)value;
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            long size = Math.Max((long)_buffer.Length * 2, (long)Length + count);
            if (size > Array.MaxLength) throw new InvalidOperationException($"An ONNX message past {Array.MaxLength} bytes cannot be written in one piece.");
            Array.Resize(ref _buffer, (int)size);
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
