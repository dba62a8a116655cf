using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Reader for the IDX files of MNIST and Fashion-MNIST (Y. LeCun's format), raw or gzip-compressed.
/// </summary>
/// <remarks>
/// Layout, all integers big-endian: a magic number 0x00 0x00 type rank (type 0x08 = unsigned byte), then rank
/// dimension sizes as int32, then the elements in row-major order. Images have magic 2051 (0x0803: [n, rows, cols]),
/// labels magic 2049 (0x0801: [n]). Compression is recognised by the gzip signature 1f 8b, not by the file name.
/// Any defect (bad magic, a short or over-long payload, a broken gzip stream) is an <see cref="InvalidDataException"/>
/// that names the file.
/// </remarks>
public static class Idx
{
    /// <summary>Magic number of an image file: unsigned bytes, three dimensions [n, rows, cols].</summary>
    public const int ImagesMagic = 0x0803;

    /// <summary>Magic number of a label file: unsigned bytes, one dimension [n].</summary>
    public const int LabelsMagic = 0x0801;

    /// <summary>Reads any unsigned-byte IDX file: its dimensions and its elements in row-major order.</summary>
    /// <param name="path">A raw or gzip-compressed IDX file.</param>
    public static (int[] Dims, byte[] Data) Read(string path) => Read(path, expectedMagic: null);

    /// <summary>Reads an image file (magic 2051) as raw pixels: count n, rows, cols, and n·rows·cols bytes.</summary>
    /// <param name="path">A raw or gzip-compressed IDX image file.</param>
    public static (int Count, int Rows, int Cols, byte[] Pixels) ReadImageBytes(string path)
    {
        var (dims, data) = Read(path, ImagesMagic);
        return (dims[0], dims[1], dims[2], data);
    }

    /// <summary>Reads an image file (magic 2051) as float32 [n, rows, cols] with pixel / 255 in [0, 1].</summary>
    /// <param name="path">A raw or gzip-compressed IDX image file.</param>
    public static Tensor ReadImages(string path)
    {
        var (n, rows, cols, pixels) = ReadImageBytes(path);
        return Tensor.FromArray(Scale(pixels), [n, rows, cols]);
    }

    /// <summary>Reads a label file (magic 2049) as Int32 [n].</summary>
    /// <param name="path">A raw or gzip-compressed IDX label file.</param>
    public static Tensor ReadLabels(string path)
    {
        var (dims, data) = Read(path, LabelsMagic);
        return Tensor.FromArray(Array.ConvertAll(data, b => (int)b), [dims[0]]);
    }

    /// <summary>Bytes 0…255 as floats b / 255.</summary>
    internal static float[] Scale(byte[] pixels)
    {
        var values = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i] / 255f;
        return values;
    }

    private static (int[] Dims, byte[] Data) Read(string path, int? expectedMagic)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX: the file {path} is missing.", path);
        try
        {
            using var file = File.OpenRead(path);
            using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return ReadStream(stream, path, expectedMagic);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the gzip stream is corrupt ({e.Message}).", e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> signature = stackalloc byte[2];
        int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b;
    }

    private static (int[] Dims, byte[] Data) ReadStream(Stream stream, string path, int? expectedMagic)
    {
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, word, path, "the magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        int rank = magic & 0xff;
        if (magic >> 8 != 0x08 || rank == 0 || (expectedMagic is int m && magic != m))
            throw new InvalidDataException($"{path}: bad magic number {magic} (0x{magic:x8}); expected " +
                (expectedMagic is int e ? $"{e} (0x{e:x8}, {(e == ImagesMagic ? "unsigned-byte images [n, rows, cols]" : "unsigned-byte labels [n]")})"
                                        : "0x000008RR (unsigned bytes, RR dimensions)") + ".");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(stream, word, path, $"dimension {i} of the header");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] < 0) throw new InvalidDataException($"{path}: dimension {i} is negative ({dims[i]}).");
        }
        // The product saturates instead of wrapping, so a header whose dimensions overflow cannot pass as small (or as 0).
        long count = dims.Contains(0) ? 0 : 1;
        foreach (int d in dims) count = Math.Min(count * d, (long)Array.MaxLength + 1);
        if (count > Array.MaxLength)
            throw new InvalidDataException($"{path}: the header [{string.Join(", ", dims)}] promises more elements than one array can hold.");
        var data = BoundedRead.Exactly(stream, count, out long got);
        if (data is null)
            throw new InvalidDataException($"{path}: truncated: the header [{string.Join(", ", dims)}] promises {count} data bytes but only {got} follow.");
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"{path}: unexpected bytes after the {count} data bytes promised by the header [{string.Join(", ", dims)}].");
        return (dims, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new InvalidDataException($"{path}: truncated: the file ends inside {what}.");
    }
}
