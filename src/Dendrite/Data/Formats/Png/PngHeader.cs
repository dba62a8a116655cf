using System.Buffers.Binary;

namespace Dendrite.Data;

/// <summary>
/// A PNG's IHDR chunk, validated: size, bit depth, colour type and interlace method, and the sizes derived from them.
/// </summary>
/// <remarks>
/// Colour types: 0 grey (bit depths 1, 2, 4, 8, 16), 2 RGB (8, 16), 3 palette index (1, 2, 4, 8), 4 grey + alpha
/// (8, 16), 6 RGBA (8, 16). Every size is computed in 64-bit arithmetic and checked against <see cref="Png.MaxPixels"/>
/// and the largest .NET array before anything is allocated.
/// </remarks>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
{
    /// <summary>Samples per pixel as stored in the file (a palette index counts as one).</summary>
    public int StoredChannels => ColourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

    /// <summary>Bits per stored pixel.</summary>
    public int BitsPerPixel => StoredChannels * BitDepth;

    /// <summary>The byte distance the filters look back: bytes per pixel, at least one.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one filtered row of <paramref name="width"/> pixels, without its filter-type byte.</summary>
    public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;

    /// <summary>Parses and validates the 13 bytes of an IHDR chunk; <paramref name="source"/> names the file in errors.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length != 13) throw Error(source, $"IHDR has {data.Length} bytes instead of 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int depth = data[8], colour = data[9];
        if (width == 0 || width > int.MaxValue) throw Error(source, $"IHDR says width {width}");
        if (height == 0 || height > int.MaxValue) throw Error(source, $"IHDR says height {height}");
        if ((ulong)width * height > Png.MaxPixels)
            throw Error(source, $"the image is {width}×{height}, more than the {Png.MaxPixels} pixels this reader accepts");
        bool depthFits = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => throw Error(source, $"IHDR says colour type {colour} (valid: 0, 2, 3, 4, 6)"),
        };
        if (!depthFits) throw Error(source, $"IHDR says bit depth {depth}, which colour type {colour} does not allow");
        if (data[10] != 0) throw Error(source, $"IHDR says compression method {data[10]} (only 0, deflate, exists)");
        if (data[11] != 0) throw Error(source, $"IHDR says filter method {data[11]} (only 0 exists)");
        if (data[12] > 1) throw Error(source, $"IHDR says interlace method {data[12]} (valid: 0 none, 1 Adam7)");
        var header = new PngHeader((int)width, (int)height, depth, colour, data[12] == 1);
        long decoded = (long)header.Width * header.Height * header.DecodedChannels(hasAlphaTable: true) * (depth == 16 ? 2 : 1);
        if (header.FilteredSize() > Array.MaxLength || decoded > Array.MaxLength)
            throw Error(source, $"the {width}×{height} image is too large to hold in memory");
        return header;
    }

    /// <summary>Channels of the decoded image: palettes become RGB, or RGBA when a tRNS chunk gives alpha.</summary>
    public int DecodedChannels(bool hasAlphaTable) => ColourType == 3 ? (hasAlphaTable ? 4 : 3) : StoredChannels;

    /// <summary>
    /// Bytes of the decompressed, still filtered image data: Σ over passes of rows · (1 + row bytes), one pass unless
    /// Adam7 interlaced (whose empty passes hold no bytes at all).
    /// </summary>
    public long FilteredSize()
    {
        long total = 0;
        foreach (var pass in Adam7.Passes(Width, Height, Interlaced))
            total += pass.Height * (1 + RowBytes(pass.Width));
        return total;
    }

    /// <summary>An error naming the file and the problem, e.g. <c>x.png: IHDR says width 0</c>.</summary>
    public static InvalidDataException Error(string source, string problem) => new($"{source}: {problem}.");
}
