using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Serialization;

/// <summary>
/// The protocol-buffer wire encoding written by hand into a growing buffer, for the few messages Dendrite writes (ONNX
/// models, TensorBoard events): a field's key is the varint <c>(number &lt;&lt; 3) | wire type</c>, then a varint
/// (type 0), 8 little-endian bytes (type 1), a varint length and the bytes (type 2: strings, bytes, nested messages,
/// packed repeated values) or 4 little-endian bytes (type 5).
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;
    private byte[] _buffer = new byte[64];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The encoded message.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>An int64/int32/enum field (wire type 0; a negative value takes ten bytes, as protobuf's two's complement does).</summary>
    public ProtoWriter Int(int field, long value)
    {
        Key(field, Varint);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A <c>double</c> field (wire type 1).</summary>
    public ProtoWriter Double(int field, double value)
    {
        Key(field, Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        return this;
    }

    /// <summary>A <c>float</c> field (wire type 5).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Key(field, Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        return this;
    }

    /// <summary>A <c>string</c> field in UTF-8 (wire type 2).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A <c>bytes</c> field (wire type 2).</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary>A nested message (wire type 2).</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>A packed <c>repeated int64</c> field: one length-delimited run of varints.</summary>
    public ProtoWriter PackedInts(int field, IReadOnlyList<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long v in values) packed.WriteVarint(unchecked((ulong)v));
        return Bytes(field, packed.Written);
    }

    /// <summary>A packed <c>repeated double</c> field: one length, then the values back to back.</summary>
    public ProtoWriter PackedDoubles(int field, ReadOnlySpan<double> values)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)values.Length * 8);
        foreach (double v in values) BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), v);
        return this;
    }

    private void Key(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    /// <summary>Seven bits per byte, least significant first, the high bit set on every byte but the last.</summary>
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
            if (size > Array.MaxLength) throw new InvalidOperationException($"A protobuf message past {Array.MaxLength} bytes cannot be written in one piece.");
            Array.Resize(ref _buffer, (int)size);
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
