using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Fuzz;

/// <summary>
/// The shared, seeded mutation engine: turns a valid seed file into a hostile one by bit flips, bytes set to
/// interesting values, inserted, removed or duplicated chunks, truncation, splices with another seed, and edits of
/// the numbers a header holds (binary words near the start, decimal digit runs in text headers) to huge, negative,
/// zero or boundary values.
/// </summary>
/// <remarks>Everything is drawn from the <see cref="Random"/> passed in, so one seed replays one sequence of inputs.</remarks>
public sealed class Mutator(Random random)
{
    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];

    private static readonly long[] InterestingNumbers =
    [
        0, 1, -1, 2, 255, 256, 65535, 65536, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, uint.MaxValue,
        1L << 31, 1L << 32, 1L << 40, 1L << 62, long.MaxValue, long.MinValue, 536870912, 973_000_000, 4194304, 2097152,
    ];

    private static readonly string[] InterestingTexts =
    [
        "0", "-1", "1", "2147483647", "2147483648", "4294967296", "9223372036854775807", "99999999999999999999",
        "1e9", "1e309", "-0", "536870912", "1000000000", "NaN", "1.5",
    ];

    /// <summary>One mutated copy of <paramref name="seed"/>; <paramref name="what"/> names the mutations applied.</summary>
    /// <param name="seed">A valid file.</param>
    /// <param name="other">Another valid file of the same format, for splices.</param>
    /// <param name="what">The mutations, e.g. "flip+truncate", for failure reports.</param>
    public byte[] Mutate(byte[] seed, byte[] other, out string what)
    {
        var data = seed.ToArray();
        int stacked = random.Next(4) == 0 ? 2 + random.Next(3) : 1;
        var names = new List<string>();
        for (int k = 0; k < stacked; k++)
        {
            int kind = random.Next(9);
            names.Add(kind switch { 0 => "flip", 1 => "set", 2 => "insert", 3 => "remove", 4 => "duplicate", 5 => "truncate", 6 => "word", 7 => "digits", _ => "splice" });
            data = Apply(kind, data, other);
        }
        what = string.Join('+', names);
        return data;
    }

    private byte[] Apply(int kind, byte[] data, byte[] other)
    {
        if (data.Length == 0) return kind == 2 ? Insert(data) : data;
        switch (kind)
        {
            case 0:
                for (int k = 1 + random.Next(4); k > 0; k--) data[At(data)] ^= (byte)(1 << random.Next(8));
                return data;
            case 1:
                for (int k = 1 + random.Next(4); k > 0; k--) data[At(data)] = random.Next(4) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)];
                return data;
            case 2: return Insert(data);
            case 3:
            {
                int at = random.Next(data.Length), length = Math.Min(data.Length - at, ChunkLength());
                return [.. data.AsSpan(0, at), .. data.AsSpan(at + length)];
            }
            case 4:
            {
                int at = random.Next(data.Length), length = Math.Min(data.Length - at, ChunkLength());
                int to = random.Next(data.Length + 1);
                return [.. data.AsSpan(0, to), .. data.AsSpan(at, length), .. data.AsSpan(to)];
            }
            case 5: return data[..random.Next(data.Length)];
            case 6: return EditWord(data);
            case 7: return EditDigits(data);
            default:
            {
                int cut = random.Next(data.Length + 1), from = random.Next(other.Length + 1);
                return [.. data.AsSpan(0, cut), .. other.AsSpan(from)];
            }
        }
    }

    /// <summary>A position biased towards the first 64 bytes, where headers live.</summary>
    private int At(byte[] data) => random.Next(2) == 0 ? random.Next(Math.Min(64, data.Length)) : random.Next(data.Length);

    private int ChunkLength() => random.Next(3) == 0 ? 1 + random.Next(256) : 1 + random.Next(8);

    private byte[] Insert(byte[] data)
    {
        var chunk = new byte[ChunkLength()];
        if (random.Next(2) == 0) random.NextBytes(chunk);
        else chunk.AsSpan().Fill(InterestingBytes[random.Next(InterestingBytes.Length)]);
        int at = random.Next(data.Length + 1);
        return [.. data.AsSpan(0, at), .. chunk, .. data.AsSpan(at)];
    }

    /// <summary>A 2-, 4- or 8-byte word near the start overwritten with a boundary value, either byte order.</summary>
    private byte[] EditWord(byte[] data)
    {
        int size = random.Next(3) switch { 0 => 2, 1 => 4, _ => 8 };
        if (data.Length < size) return data;
        int at = random.Next(Math.Min(data.Length, 48) - size + 1);
        long value = InterestingNumbers[random.Next(InterestingNumbers.Length)] + (random.Next(4) == 0 ? random.Next(-2, 3) : 0);
        var span = data.AsSpan(at, size);
        bool big = random.Next(2) == 0;
        switch (size)
        {
            case 2 when big: BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value); break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4 when big: BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default:
                if (big) BinaryPrimitives.WriteInt64BigEndian(span, value);
                else BinaryPrimitives.WriteInt64LittleEndian(span, value);
                break;
        }
        return data;
    }

    /// <summary>A run of ASCII digits (a shape, a size, a count in a text header) replaced by a boundary number.</summary>
    private byte[] EditDigits(byte[] data)
    {
        var runs = new List<(int Start, int Length)>();
        for (int i = 0; i < data.Length; i++)
        {
            if (!char.IsAsciiDigit((char)data[i])) continue;
            int start = i;
            while (i < data.Length && char.IsAsciiDigit((char)data[i])) i++;
            runs.Add((start, i - start));
        }
        if (runs.Count == 0) return EditWord(data);
        var (at, length) = runs[random.Next(runs.Count)];
        var text = Encoding.ASCII.GetBytes(InterestingTexts[random.Next(InterestingTexts.Length)]);
        return [.. data.AsSpan(0, at), .. text, .. data.AsSpan(at + length)];
    }
}
