using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dendrite.Tests.Cli.Report;

/// <summary>A decoded PNG: 8-bit greyscale, grey+alpha, RGB or RGBA, not interlaced, as RGB pixels (alpha ignored).</summary>
internal sealed class Png
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private Png(int width, int height, int channels, byte[] pixels) => (Width, Height, _channels, _pixels) = (width, height, channels, pixels);

    public int Width { get; }

    public int Height { get; }

    /// <summary>The colour of pixel (x, y), x to the right and y down.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * _channels;
            return _channels < 3 ? (_pixels[i], _pixels[i], _pixels[i]) : (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    /// <summary>Decodes the file: signature, IHDR, the concatenated IDAT zlib stream, then the scanline filters undone.</summary>
    public static Png Decode(byte[] file)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!file.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("Not a PNG file.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (int at = 8; at + 8 <= file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new NotSupportedException($"PNG bit depth {data[8]}, interlace {data[12]}: only 8-bit, non-interlaced.");
                channels = data[9] switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, var t => throw new NotSupportedException($"PNG colour type {t}.") };
            }
            else if (type == "IDAT") compressed.Write(data);
            else if (type == "IEND") break;
            at += 12 + length; // length, type, data, CRC
        }
        compressed.Position = 0;
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(raw);
        return new Png(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    /// <summary>Undoes the per-scanline filters (None, Sub, Up, Average, Paeth) of PNG §9.</summary>
    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        int stride = width * bpp;
        if (raw.Length < height * (stride + 1)) throw new InvalidDataException($"PNG data holds {raw.Length} bytes, expected {height * (stride + 1)}.");
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var above = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = above[i], c = i >= bpp ? above[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter type {filter} on row {y}."),
                };
                row[i] = (byte)(line[i] + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
