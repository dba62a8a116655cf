using System.Buffers.Binary;

namespace Dendrite.Data;

/// <summary>
/// Turns the unfiltered rows of one pass into samples of the decoded <see cref="Image"/>: grey of 1, 2 or 4 bits is
/// scaled to 8 bits (v·255/(2^d − 1), as libpng does), palette indices are looked up (RGB, plus alpha from tRNS,
/// 255 where tRNS is short), 8- and 16-bit samples are copied (16-bit ones are big-endian in the file).
/// </summary>
internal static class PngSamples
{
    /// <summary>Writes the pixels of <paramref name="pass"/> into <paramref name="bytes"/> or <paramref name="words"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> rows, Adam7.Pass pass, PngChunks png, int channels, byte[]? bytes, ushort[]? words, string source)
    {
        var h = png.Header;
        int rowBytes = (int)h.RowBytes(pass.Width), stored = h.StoredChannels, width = h.Width;
        for (int i = 0; i < pass.Height; i++)
        {
            var row = rows.Slice(i * (rowBytes + 1) + 1, rowBytes);
            int y = pass.Y0 + i * pass.Dy;
            for (int j = 0; j < pass.Width; j++)
            {
                int to = (y * width + pass.X0 + j * pass.Dx) * channels;
                if (h.BitDepth == 16)
                    for (int c = 0; c < stored; c++) words![to + c] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * (j * stored + c))..]);
                else if (h.BitDepth == 8 && h.ColourType != 3)
                    row.Slice(j * stored, stored).CopyTo(bytes.AsSpan(to));
                else
                {
                    int v = h.BitDepth == 8 ? row[j] : Small(row, j, h.BitDepth);
                    if (h.ColourType == 3) Lookup(v, png, bytes!.AsSpan(to, channels), source);
                    else bytes![to] = (byte)(v * (255 / ((1 << h.BitDepth) - 1)));
                }
            }
        }
    }

    /// <summary>The <paramref name="depth"/>-bit value of pixel <paramref name="j"/>, packed from the high bits down.</summary>
    private static int Small(ReadOnlySpan<byte> row, int j, int depth)
    {
        int bit = j * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private static void Lookup(int index, PngChunks png, Span<byte> pixel, string source)
    {
        var palette = png.Palette!;
        if (index >= palette.Length / 3)
            throw PngHeader.Error(source, $"palette index {index} is past the {palette.Length / 3} colours of PLTE");
        palette.AsSpan(3 * index, 3).CopyTo(pixel);
        if (pixel.Length == 4) pixel[3] = index < png.Alpha!.Length ? png.Alpha[index] : byte.MaxValue;
    }
}
