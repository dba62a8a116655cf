using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Decompresses a PNG's zlib stream (<see cref="ZLibStream"/>) to exactly the filtered size the header implies: fewer
/// bytes, more bytes or a broken stream are errors. The buffer grows as data arrives, so a header that claims a huge
/// image costs memory only if the compressed data really expands that far.
/// </summary>
internal static class PngInflate
{
    /// <summary>The <paramref name="expected"/> decompressed bytes of <paramref name="compressed"/>.</summary>
    public static byte[] Decompress(byte[] compressed, long expected, string source)
    {
        var buffer = new byte[(int)Math.Min(expected, Math.Max(4096, 4L * compressed.Length))];
        int filled = 0;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            while (filled < expected)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(expected, 2L * buffer.Length));
                int read = zlib.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) break;
                filled += read;
            }
            if (filled < expected)
                throw PngHeader.Error(source, $"truncated IDAT (the image data ends after {filled} of {expected} bytes)");
            Span<byte> probe = stackalloc byte[1];
            if (zlib.Read(probe) != 0)
                throw PngHeader.Error(source, $"the IDAT data holds more than the {expected} bytes the header implies");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source + ":", StringComparison.Ordinal))
        {
            throw PngHeader.Error(source, $"corrupt IDAT zlib stream after {filled} bytes ({e.Message.TrimEnd('.')})");
        }
        return buffer;
    }
}
