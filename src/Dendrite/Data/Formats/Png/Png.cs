namespace Dendrite.Data;

/// <summary>
/// Reads and writes PNG images in managed code (zlib from <see cref="System.IO.Compression"/>), as float32 tensors
/// [C, H, W] with values in [0, 1], like torchvision's <c>read_image</c> followed by <c>to_tensor</c>, and
/// <c>write_png</c>.
/// </summary>
/// <remarks>
/// <para>Reads every standard PNG: colour types grey (bit depths 1, 2, 4, 8, 16), RGB (8, 16), palette (1, 2, 4, 8;
/// becomes RGB, or RGBA when a tRNS chunk gives alpha), grey + alpha and RGBA (8, 16); Adam7 interlacing; all five
/// filters; image data over many IDAT chunks. Channels come out as stored: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
/// Grey below 8 bits is scaled to 8 bits; a tensor's value is sample / 255 or sample / 65535. Ancillary chunks
/// (gamma, text, a grey or RGB transparent-colour tRNS…) are skipped.</para>
/// <para>Every CRC is checked and no length is trusted. Any defect is an <see cref="InvalidDataException"/> whose
/// message starts with the file's name and says what is wrong (<c>x.png: CRC mismatch in chunk IHDR</c>).</para>
/// <para>Writes 8-bit PNGs (16-bit ones from a 16-bit <see cref="Image"/>), atomically via <see cref="AtomicFile"/>.</para>
/// </remarks>
public static class Png
{
    /// <summary>The most pixels (width · height) a file may declare: 2²⁸, a 16384 × 16384 image.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>Reads the PNG at <paramref name="path"/> as float32 [C, H, W] in [0, 1].</summary>
    /// <remarks><b>Shape:</b> [C, H, W] with C = 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).</remarks>
    public static Tensor Read(string path) => ReadImage(path).ToTensor();

    /// <summary>Reads the PNG at <paramref name="path"/> as an <see cref="Image"/> of 8- or 16-bit samples.</summary>
    public static Image ReadImage(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PNG: the file {path} is missing.", path);
        return PngReader.Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes PNG bytes as float32 [C, H, W] in [0, 1]; <paramref name="source"/> names them in errors.</summary>
    public static Tensor Decode(ReadOnlySpan<byte> file, string source = "PNG data") => PngReader.Decode(file, source).ToTensor();

    /// <summary>Decodes PNG bytes as an <see cref="Image"/>; <paramref name="source"/> names them in errors.</summary>
    public static Image DecodeImage(ReadOnlySpan<byte> file, string source = "PNG data") => PngReader.Decode(file, source);

    /// <summary>
    /// Writes <paramref name="image"/>, float [C, H, W] in [0, 1] with C = 1, 2, 3 or 4, as an 8-bit PNG at
    /// <paramref name="path"/>: sample = round(255 · clamp(v, 0, 1)).
    /// </summary>
    public static void Write(string path, Tensor image) => Write(path, Image.FromTensor(image));

    /// <summary>Writes <paramref name="image"/> as a PNG of its own bit depth at <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Image image)
    {
        var bytes = Encode(image);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The PNG bytes of float [C, H, W] in [0, 1] (see <see cref="Write(string, Tensor)"/>).</summary>
    public static byte[] Encode(Tensor image) => Encode(Image.FromTensor(image));

    /// <summary>The PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.BitDepth == 8
            ? PngWriter.Encode(image.Bytes, image.Width, image.Height, image.Channels)
            : PngWriter.Encode16(image.Words, image.Width, image.Height, image.Channels);
    }
}
