using System.Buffers.Binary;

namespace Dendrite.Data;

/// <summary>
/// The chunks of a PNG file that decoding needs: the header, the palette and its alpha table, and the compressed
/// image data (every IDAT chunk joined in order). Ancillary chunks are checked and skipped.
/// </summary>
/// <remarks>
/// A chunk is length (4 bytes, big-endian, at most 2³¹ − 1) · type (4 ASCII letters) · data · CRC-32 of type and data.
/// No length is trusted: each is checked against the bytes that remain before anything is read or allocated.
/// </remarks>
internal sealed record PngChunks(PngHeader Header, byte[]? Palette, byte[]? Alpha, byte[] ImageData)
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Splits <paramref name="file"/> into chunks and keeps what decoding needs; <paramref name="source"/> names it in errors.</summary>
    public static PngChunks Read(ReadOnlySpan<byte> file, string source)
    {
        if (file.Length < Signature.Length || !file[..Signature.Length].SequenceEqual(Signature))
            throw PngHeader.Error(source, "not a PNG file (the 8-byte signature is missing)");
        PngHeader? header = null;
        byte[]? palette = null, alpha = null;
        var idat = new List<Range>();
        string previous = "";
        int at = Signature.Length;
        while (true)
        {
            if (file.Length - at < 12)
                throw PngHeader.Error(source, header is null ? "truncated before IHDR" : $"truncated after chunk {previous} (no IEND chunk)");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            var typeBytes = file.Slice(at + 4, 4);
            if (!IsChunkType(typeBytes)) throw PngHeader.Error(source, $"the chunk at byte {at} has an invalid type (not 4 ASCII letters)");
            string type = System.Text.Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue || length > file.Length - at - 12)
                throw PngHeader.Error(source, $"truncated {type} (the chunk says {length} bytes but {Math.Max(0, file.Length - at - 12)} remain)");
            var data = file.Slice(at + 8, (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8 + (int)length)..]);
            if (crc != PngWriter.Crc32(file.Slice(at + 4, 4 + (int)length)))
                throw PngHeader.Error(source, $"CRC mismatch in chunk {type}");
            if (header is null && type != "IHDR") throw PngHeader.Error(source, $"the first chunk is {type}, not IHDR");
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw PngHeader.Error(source, "a second IHDR chunk");
                    header = PngHeader.Parse(data, source);
                    break;
                case "PLTE":
                    if (idat.Count > 0) throw PngHeader.Error(source, "PLTE comes after the image data");
                    if (palette is not null) throw PngHeader.Error(source, "a second PLTE chunk");
                    palette = ReadPalette(data, header!.Value, source);
                    break;
                case "tRNS":
                    if (header!.Value.ColourType != 3) break; // a grey or RGB transparent colour key: not applied
                    if (palette is null) throw PngHeader.Error(source, "tRNS comes before PLTE");
                    if (data.Length > palette.Length / 3)
                        throw PngHeader.Error(source, $"tRNS has {data.Length} alpha values for a palette of {palette.Length / 3} colours");
                    alpha = data.ToArray();
                    break;
                case "IDAT":
                    if (idat.Count > 0 && previous != "IDAT") throw PngHeader.Error(source, "the IDAT chunks are not consecutive");
                    idat.Add(new Range(at + 8, at + 8 + (int)length));
                    break;
                case "IEND":
                    return Finish(header!.Value, palette, alpha, idat, file, source);
                default:
                    if (char.IsAsciiLetterUpper(type[0])) throw PngHeader.Error(source, $"unknown critical chunk {type}");
                    break;
            }
            previous = type;
            at += 12 + (int)length;
        }
    }

    private static PngChunks Finish(PngHeader header, byte[]? palette, byte[]? alpha, List<Range> idat, ReadOnlySpan<byte> file, string source)
    {
        if (idat.Count == 0) throw PngHeader.Error(source, "no IDAT chunk (the file holds no image data)");
        if (header.ColourType == 3 && palette is null) throw PngHeader.Error(source, "a palette image without a PLTE chunk");
        int total = 0;
        foreach (var r in idat) total += r.End.Value - r.Start.Value; // ≤ the file's length, so no overflow
        var joined = new byte[total];
        int to = 0;
        foreach (var r in idat)
        {
            file[r].CopyTo(joined.AsSpan(to));
            to += r.End.Value - r.Start.Value;
        }
        return new PngChunks(header, header.ColourType == 3 ? palette : null, alpha, joined);
    }

    private static byte[]? ReadPalette(ReadOnlySpan<byte> data, PngHeader header, string source)
    {
        if (header.ColourType is 0 or 4) throw PngHeader.Error(source, $"a PLTE chunk in a colour type {header.ColourType} (grey) image");
        if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 768)
            throw PngHeader.Error(source, $"PLTE has {data.Length} bytes (1 to 256 RGB triples)");
        if (header.ColourType == 3 && data.Length / 3 > 1 << header.BitDepth)
            throw PngHeader.Error(source, $"PLTE has {data.Length / 3} colours, more than {header.BitDepth}-bit indices reach");
        return data.ToArray();
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }
}
