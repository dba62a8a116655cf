using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Writes PNG images in managed code: grey, grey + alpha, RGB or RGBA of 8 or 16 bits; the signature, IHDR, one
/// zlib-compressed IDAT (filter 0 on every row, <see cref="ZLibStream"/>) and IEND, each chunk with its CRC-32.
/// </summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The 8-bit PNG bytes of an image of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    /// <param name="pixels">Row-major samples, <paramref name="channels"/> per pixel, interleaved.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1 grey, 2 grey + alpha, 3 RGB or 4 RGBA.</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        Check(pixels.Length, width, height, channels);
        int stride = width * channels;
        var raw = new byte[height * (1 + stride)];   // each row: filter type 0 (None), then the samples
        for (int y = 0; y < height; y++) pixels.Slice(y * stride, stride).CopyTo(raw.AsSpan(y * (1 + stride) + 1));
        return Encode(width, height, channels, 8, raw);
    }

    /// <summary>The 16-bit PNG bytes of an image (as <see cref="Encode(ReadOnlySpan{byte}, int, int, int)"/>, samples 0…65535).</summary>
    public static byte[] Encode16(ReadOnlySpan<ushort> pixels, int width, int height, int channels)
    {
        Check(pixels.Length, width, height, channels);
        int stride = width * channels;
        var raw = new byte[height * (1 + 2 * stride)];   // each row: filter type 0 (None), then big-endian samples
        for (int y = 0; y < height; y++)
            for (int i = 0; i < stride; i++)
                BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(y * (1 + 2 * stride) + 1 + 2 * i), pixels[y * stride + i]);
        return Encode(width, height, channels, 16, raw);
    }

    private static void Check(int length, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"A PNG needs a positive size but got {width}×{height}.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), $"PngWriter writes 1 to 4 channels (grey, grey + alpha, RGB, RGBA) but got {channels}.");
        long expected = (long)width * height * channels;
        if (length != expected) throw new ArgumentException($"A {width}×{height} image of {channels} channels has {expected} samples but got {length}.", "pixels");
    }

    private static byte[] Encode(int width, int height, int channels, int depth, byte[] raw)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)depth;
        header[9] = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };   // colour type: grey, grey + alpha, RGB, RGBA
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>CRC-32 (ISO 3309, as PNG uses) of <paramref name="data"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFF;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        for (int i = 0; i < 4; i++) typed[i] = (byte)type[i];
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
