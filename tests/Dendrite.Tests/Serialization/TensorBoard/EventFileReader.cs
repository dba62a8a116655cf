using System.Text;

namespace Dendrite.Tests.Serialization.TensorBoard;

/// <summary>
/// An event-file reader written for the tests alone, sharing no code with the library's writer: TFRecord framing read
/// by hand, a bit-by-bit CRC-32C (reflected polynomial 0x82F63B78) with TFRecord's mask, and a small protobuf field
/// decoder (varint, 64-bit, length-delimited, 32-bit) that skips fields it does not know, as protobuf readers do.
/// </summary>
internal static class EventFileReader
{
    public sealed record Histogram(double Min, double Max, double Num, double Sum, double SumSquares, double[] Limits, double[] Counts);

    public sealed record Value(string Tag, float? Simple, Histogram? Histo);

    public sealed record Event(double WallTime, long Step, string? FileVersion, IReadOnlyList<Value> Values);

    /// <summary>Every event in the file; a CRC mismatch or a cut-off record throws <see cref="InvalidDataException"/>.</summary>
    public static List<Event> Read(string path) => Records(File.ReadAllBytes(path)).Select(DecodeEvent).ToList();

    /// <summary>The records' payloads, both CRCs of each verified.</summary>
    public static List<byte[]> Records(byte[] file)
    {
        var records = new List<byte[]>();
        int pos = 0;
        while (pos < file.Length)
        {
            if (file.Length - pos < 12) throw new InvalidDataException($"record {records.Count} at byte {pos}: header cut off");
            ulong length = 0;
            for (int i = 7; i >= 0; i--) length = (length << 8) | file[pos + i];
            if (MaskedCrc(file.AsSpan(pos, 8)) != UInt32(file, pos + 8))
                throw new InvalidDataException($"record {records.Count} at byte {pos}: length CRC mismatch");
            if (length > (ulong)(file.Length - pos - 16)) throw new InvalidDataException($"record {records.Count} at byte {pos}: data cut off");
            var data = file.AsSpan(pos + 12, (int)length);
            if (MaskedCrc(data) != UInt32(file, pos + 12 + (int)length))
                throw new InvalidDataException($"record {records.Count} at byte {pos}: data CRC mismatch");
            records.Add(data.ToArray());
            pos += 16 + (int)length;
        }
        return records;
    }

    /// <summary>CRC-32C one bit at a time: shift right, XOR the polynomial when the bit shifted out is 1.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) == 1 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return crc ^ uint.MaxValue;
    }

    /// <summary>TFRecord's mask: rotate right by 15 bits, add 0xA282EAD8 (mod 2³²).</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return unchecked((uint)(((ulong)(crc >> 15 | crc << 17) + 0xA282EAD8UL) & 0xFFFFFFFFUL));
    }

    private static uint UInt32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    private static Event DecodeEvent(byte[] record)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var values = new List<Value>();
        foreach (var f in Fields(record))
            switch (f.Number)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)f.Scalar); break;
                case 2: step = (long)f.Scalar; break;
                case 3: version = Encoding.UTF8.GetString(f.Bytes); break;
                case 5: values.AddRange(Fields(f.Bytes).Where(v => v.Number == 1).Select(v => DecodeValue(v.Bytes))); break;
            }
        return new Event(wallTime, step, version, values);
    }

    private static Value DecodeValue(byte[] bytes)
    {
        string tag = "";
        float? simple = null;
        Histogram? histo = null;
        foreach (var f in Fields(bytes))
            switch (f.Number)
            {
                case 1: tag = Encoding.UTF8.GetString(f.Bytes); break;
                case 2: simple = BitConverter.Int32BitsToSingle((int)f.Scalar); break;
                case 5: histo = DecodeHistogram(f.Bytes); break;
            }
        return new Value(tag, simple, histo);
    }

    private static Histogram DecodeHistogram(byte[] bytes)
    {
        var d = new double[6];
        List<double> limits = [], counts = [];
        foreach (var f in Fields(bytes))
        {
            if (f.Number is >= 1 and <= 5) d[f.Number] = BitConverter.Int64BitsToDouble((long)f.Scalar);
            var list = f.Number == 6 ? limits : f.Number == 7 ? counts : null;
            if (list is null) continue;
            if (f.WireType == 1) list.Add(BitConverter.Int64BitsToDouble((long)f.Scalar)); // unpacked form
            else for (int i = 0; i + 8 <= f.Bytes.Length; i += 8) list.Add(BitConverter.ToDouble(f.Bytes, i));
        }
        return new Histogram(d[1], d[2], d[3], d[4], d[5], [.. limits], [.. counts]);
    }

    private readonly record struct Field(int Number, int WireType, ulong Scalar, byte[] Bytes);

    /// <summary>The fields of one message in order: key varint = number · 8 + wire type.</summary>
    private static List<Field> Fields(byte[] m)
    {
        var fields = new List<Field>();
        int pos = 0;
        while (pos < m.Length)
        {
            ulong key = Varint(m, ref pos);
            int number = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: fields.Add(new(number, 0, Varint(m, ref pos), [])); break;
                case 1: fields.Add(new(number, 1, BitConverter.ToUInt64(Take(m, ref pos, 8)), [])); break;
                case 2: fields.Add(new(number, 2, 0, Take(m, ref pos, (int)Varint(m, ref pos)))); break;
                case 5: fields.Add(new(number, 5, BitConverter.ToUInt32(Take(m, ref pos, 4)), [])); break;
                default: throw new InvalidDataException($"wire type {wire} at byte {pos}");
            }
        }
        return fields;
    }

    private static byte[] Take(byte[] m, ref int pos, int count)
    {
        if (count < 0 || pos + count > m.Length) throw new InvalidDataException($"field of {count} bytes runs past the message at {pos}");
        var bytes = m.AsSpan(pos, count).ToArray();
        pos += count;
        return bytes;
    }

    private static ulong Varint(byte[] m, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (pos >= m.Length || shift > 63) throw new InvalidDataException($"varint cut off at byte {pos}");
            byte b = m[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
