namespace Dendrite.Data;

/// <summary>
/// Decodes a PNG file: chunks (<see cref="PngChunks"/>), zlib (<see cref="PngInflate"/>), then for each pass
/// (<see cref="Adam7"/>) the filters are undone (<see cref="PngUnfilter"/>) and the samples unpacked
/// (<see cref="PngSamples"/>).
/// </summary>
/// <remarks>
/// The output is allocated only after the compressed data has really expanded to the size the header implies, so a
/// small corrupt file cannot make the reader allocate a large image.
/// </remarks>
internal static class PngReader
{
    /// <summary>The image in <paramref name="file"/>; any defect is an <see cref="InvalidDataException"/> naming <paramref name="source"/>.</summary>
    public static Image Decode(ReadOnlySpan<byte> file, string source)
    {
        var png = PngChunks.Read(file, source);
        var h = png.Header;
        var data = PngInflate.Decompress(png.ImageData, h.FilteredSize(), source);
        int channels = h.DecodedChannels(png.Alpha is not null);
        int samples = h.Width * h.Height * channels; // ≤ Array.MaxLength, checked by PngHeader.Parse
        byte[]? bytes = h.BitDepth == 16 ? null : new byte[samples];
        ushort[]? words = h.BitDepth == 16 ? new ushort[samples] : null;
        int at = 0;
        foreach (var pass in Adam7.Passes(h.Width, h.Height, h.Interlaced))
        {
            int rowBytes = (int)h.RowBytes(pass.Width), length = pass.Height * (rowBytes + 1);
            var rows = data.AsSpan(at, length);
            PngUnfilter.Apply(rows, pass.Height, rowBytes, h.FilterStride, source);
            PngSamples.Unpack(rows, pass, png, channels, bytes, words, source);
            at += length;
        }
        return bytes is not null ? new Image(h.Width, h.Height, channels, bytes) : new Image(h.Width, h.Height, channels, words!);
    }
}
