using System.Buffers.Binary;

namespace Dendrite.Data;

/// <summary>An .npy element type (<c>descr</c>): its byte size, the tensor dtype it becomes, and how to decode and encode it.</summary>
/// <param name="Descr">The numpy type string, e.g. <c>&lt;f4</c>.</param>
/// <param name="Kind">numpy's kind character: 'f' float, 'i' signed, 'u' unsigned, 'b' bool.</param>
/// <param name="Size">Bytes per element.</param>
/// <param name="DType">The dtype of the tensor it is read into.</param>
internal sealed record NpyElement(string Descr, char Kind, int Size, DType DType)
{
    /// <summary>Recognizes a supported type string or throws naming the file and the type.</summary>
    public static NpyElement Parse(string descr, string source)
    {
        if (descr.Length >= 3 && descr[1..] is "u1" or "i1" or "b1" && descr[0] is '|' or '<' or '>' or '=')
            return new NpyElement(descr, descr[1], 1, DType.Int32);
        if (descr.Length >= 1 && descr[0] == '>')
            throw new InvalidDataException($"{source}: big-endian data ('{descr}') is not supported; save it little-endian (arr.astype('<{descr[1..]}')).");
        return descr switch
        {
            "<f4" => new NpyElement(descr, 'f', 4, DType.Float32),
            "<f8" => new NpyElement(descr, 'f', 8, DType.Float64),
            "<i4" => new NpyElement(descr, 'i', 4, DType.Int32),
            "<i8" => new NpyElement(descr, 'i', 8, DType.Int32),
            _ => throw new InvalidDataException(
                $"{source}: unsupported .npy dtype '{descr}' (supported: <f4, <f8, <i4, <i8, |u1, |i1, |b1)."),
        };
    }

    /// <summary>The type written for a tensor of <paramref name="dtype"/>.</summary>
    public static NpyElement For(DType dtype) => dtype switch
    {
        DType.Float32 => new NpyElement("<f4", 'f', 4, DType.Float32),
        DType.Float64 => new NpyElement("<f8", 'f', 8, DType.Float64),
        DType.Int32 => new NpyElement("<i4", 'i', 4, DType.Int32),
        _ => throw new ArgumentException($"Cannot write a {dtype} tensor to .npy."),
    };

    /// <summary>Decodes <paramref name="count"/> elements from <paramref name="bytes"/> into <paramref name="storage"/> at <paramref name="start"/>.</summary>
    public void Decode(ReadOnlySpan<byte> bytes, int count, Array storage, int start, string source)
    {
        switch (Descr[1..])
        {
            case "f4":
                var f = ((float[])storage).AsSpan(start, count);
                for (int i = 0; i < count; i++) f[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                break;
            case "f8":
                var d = ((double[])storage).AsSpan(start, count);
                for (int i = 0; i < count; i++) d[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                break;
            case "i4":
                var n = ((int[])storage).AsSpan(start, count);
                for (int i = 0; i < count; i++) n[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
                break;
            case "i8":
                var w = ((int[])storage).AsSpan(start, count);
                for (int i = 0; i < count; i++)
                {
                    long v = BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]);
                    if (v is < int.MinValue or > int.MaxValue)
                        throw new InvalidDataException($"{source}: int64 value {v} at flat index {start + i} does not fit in Int32.");
                    w[i] = (int)v;
                }
                break;
            default:
                var b = ((int[])storage).AsSpan(start, count);
                for (int i = 0; i < count; i++) b[i] = Kind switch { 'i' => (sbyte)bytes[i], 'b' => bytes[i] != 0 ? 1 : 0, _ => bytes[i] };
                break;
        }
    }

    /// <summary>Encodes <paramref name="count"/> elements of <paramref name="storage"/> from <paramref name="start"/> little-endian into <paramref name="bytes"/>.</summary>
    public void Encode(Array storage, int start, int count, Span<byte> bytes)
    {
        switch (storage)
        {
            case float[] f:
                for (int i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes[(4 * i)..], f[start + i]);
                break;
            case double[] d:
                for (int i = 0; i < count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes[(8 * i)..], d[start + i]);
                break;
            case int[] n:
                for (int i = 0; i < count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes[(4 * i)..], n[start + i]);
                break;
        }
    }
}
