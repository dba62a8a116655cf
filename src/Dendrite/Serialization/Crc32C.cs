using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Serialization;

/// <summary>
/// CRC-32C (Castagnoli): the checksum TFRecord files and Dendrite's safetensors files carry, reflected polynomial
/// 0x82F63B78, initial value and final XOR 0xFFFFFFFF; <c>Compute("123456789") = 0xE3069283</c>. The BCL's
/// <c>System.IO.Hashing</c> has only the IEEE CRC-32, so this is a byte-at-a-time table, with the CPU's own CRC-32C
/// instruction (SSE4.2 <c>crc32</c>, Arm64 <c>crc32cx</c>) taking 8 bytes at a time where it exists.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;

    /// <summary>The constant TFRecord adds after rotating a CRC (<see cref="Mask"/>).</summary>
    public const uint MaskDelta = 0xA282EAD8;

    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[i] = c;
        }
        return table;
    }

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        if (Sse42.X64.IsSupported)
            for (; data.Length >= 8; data = data[8..]) crc = (uint)Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
        else if (Crc32.Arm64.IsSupported)
            for (; data.Length >= 8; data = data[8..]) crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>
    /// TFRecord's masked CRC: <c>((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xA282EAD8</c> (a rotation right by 15 plus a
    /// constant), so that a CRC stored inside checksummed data does not checksum to a fixed value.
    /// </summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);

    /// <summary>The masked CRC-32C of <paramref name="data"/>: <c>Mask(Compute(data))</c>.</summary>
    public static uint Masked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
