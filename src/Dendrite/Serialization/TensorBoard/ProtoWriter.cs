using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Serialization;

/// <summary>
/// The few protocol-buffer encodings an event file needs, written by hand into a growing buffer: a field's key is the
/// varint <c>(number &lt;&lt; 3) | wire type</c>, then a varint (type 0), 8 little-endian bytes (type 1), a varint
/// length and the bytes (type 2: strings, nested messages, packed repeated doubles) or 4 little-endian bytes (type 5).
/// </summary>
internal sealed class ProtoWriter
{
    private byte[] _buffer = new byte[64];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The encoded message.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>A <c>double</c> field (wire type 1).</summary>
    public void Double(int field, double value)
    {
        Key(field, 1);
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
    }

    /// <summary>A <c>float</c> field (wire type 5).</summary>
    public void Float(int field, float value)
    {
        Key(field, 5);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
    }

    /// <summary>An <c>int64</c> field (wire type 0; a negative value takes ten bytes, as protobuf's two's complement does).</summary>
    public void Int64(int field, long value)
    {
        Key(field, 0);
        Varint(unchecked((ulong)value));
    }

    /// <summary>A <c>string</c> field in UTF-8 (wire type 2).</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message (wire type 2).</summary>
    public void Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>A packed <c>repeated double</c> field: one length, then the values back to back (wire type 2).</summary>
    public void PackedDoubles(int field, ReadOnlySpan<double> values)
    {
        Key(field, 2);
        Varint((ulong)values.Length * 8);
        foreach (double v in values) BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), v);
    }

    private void Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Key(field, 2);
        Varint((ulong)bytes.Length);
        bytes.CopyTo(Reserve(bytes.Length));
    }

    private void Key(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    /// <summary>Seven bits per byte, least significant first, the high bit set on every byte but the last.</summary>
    private void Varint(ulong value)
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
        if (Length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
