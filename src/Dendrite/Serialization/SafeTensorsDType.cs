using System.Buffers.Binary;
using System.Globalization;

namespace Dendrite.Serialization;

/// <summary>
/// A dtype as a safetensors file stores it (<c>F32</c>, <c>BF16</c>, <c>I64</c>, …): its code, bytes per element and
/// the Dendrite dtype it is read as. F32, F64 and I32 are Dendrite's own and are read in place; the others, which
/// PyTorch writes (half-precision weights, int64 <c>num_batches_tracked</c>, uint8 masks), are decoded element by element.
/// </summary>
/// <remarks>
/// F16 and BF16 widen to float32 exactly (every half and bfloat16 value is a float32; bfloat16 is a float32's top 16
/// bits, so its value is <c>bits &lt;&lt; 16</c> reinterpreted). I64 narrows to int32 only when the value fits, else the
/// read fails naming the file, tensor, element and value; I16, I8, U8 and BOOL always fit.
/// </remarks>
internal readonly record struct SafeTensorsDType(string Code, int Size, DType DType)
{
    /// <summary>The dtypes read, by code.</summary>
    private static readonly SafeTensorsDType[] Known =
    [
        new("F32", 4, DType.Float32), new("F64", 8, DType.Float64), new("I32", 4, DType.Int32),
        new("F16", 2, DType.Float32), new("BF16", 2, DType.Float32),
        new("I64", 8, DType.Int32), new("I16", 2, DType.Int32), new("I8", 1, DType.Int32), new("U8", 1, DType.Int32), new("BOOL", 1, DType.Int32),
    ];

    /// <summary>The codes read, for error messages.</summary>
    public static string KnownCodes => string.Join(", ", Known.Select(k => k.Code));

    /// <summary>The stored form Dendrite writes for <paramref name="dtype"/>: F32, F64 or I32.</summary>
    public static SafeTensorsDType Of(DType dtype) => dtype switch
    {
        DType.Float32 => Known[0],
        DType.Float64 => Known[1],
        _ => Known[2],
    };

    /// <summary>The stored dtype for a safetensors code, or null when Dendrite does not read it.</summary>
    public static SafeTensorsDType? Parse(string code)
    {
        foreach (var k in Known)
            if (k.Code == code) return k;
        return null;
    }

    /// <summary>True when the bytes are the Dendrite dtype's own little-endian layout and can be read straight into a tensor.</summary>
    public bool IsNative => Size == DType.ElementSize() && (Code is "F32" or "F64" or "I32");

    /// <summary>
    /// Decodes little-endian <paramref name="bytes"/> of this dtype into <paramref name="destination"/>'s contiguous storage;
    /// <paramref name="what"/> names the file and tensor for the error raised by an I64 value outside int32's range.
    /// </summary>
    /// <exception cref="InvalidDataException">An I64 value does not fit in int32.</exception>
    public void Decode(ReadOnlySpan<byte> bytes, Tensor destination, string what)
    {
        if (DType == DType.Float32)
        {
            var f = destination.Span<float>();
            for (int i = 0; i < f.Length; i++)
                f[i] = Code == "F16"
                    ? (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..])
                    : BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
            return;
        }
        var v = destination.Span<int>();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = Code switch
            {
                "I64" => Narrow(BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]), i, what),
                "I16" => BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]),
                "I8" => (sbyte)bytes[i],
                "U8" => bytes[i],
                _ => bytes[i] != 0 ? 1 : 0,
            };
        }
    }

    private static int Narrow(long value, int index, string what) =>
        value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException(
                $"{what}: I64 element {index} is {value.ToString(CultureInfo.InvariantCulture)}, outside the int32 range " +
                "Dendrite's integer tensors hold; refusing a conversion that would change the value.");
}
