using System.Globalization;

namespace Dendrite.Data;

/// <summary>
/// The course's cat / non-cat images (deeplearning.ai, course 1), read from the raw export in
/// <c>catvnoncat_raw/</c>: 209 training and 50 test RGB images of 64×64, labelled 1 = cat, 0 = non-cat.
/// </summary>
/// <remarks>
/// X is [m, 12288] with examples as rows (the transpose of the course's (12288, m)), pixel / 255, and feature index
/// (row·64 + col)·3 + channel, exactly as <c>x.reshape(m, -1).T / 255.</c> orders it. Y is [m, 1].
/// </remarks>
public static class CatVsNonCat
{
    /// <summary>Side of each square image in pixels.</summary>
    public const int ImageSize = 64;

    /// <summary>Features per example: 64·64·3 = 12288.</summary>
    public const int Features = ImageSize * ImageSize * 3;

    /// <summary>The class names by label: 0 = non-cat, 1 = cat.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["non-cat", "cat"];

    /// <summary>Loads the 209 training images: X [209, 12288], Y [209, 1].</summary>
    /// <param name="folder">The <c>catvnoncat_raw</c> folder; default <c>catvnoncat_raw/</c> in <see cref="DataFolder.Find"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    public static (Tensor X, Tensor Y) LoadTrain(string? folder = null, DType dtype = DType.Float32) =>
        Load(folder, "train_x_209x64x64x3.u8", "train_y.csv", 209, dtype);

    /// <summary>Loads the 50 test images: X [50, 12288], Y [50, 1].</summary>
    /// <param name="folder">The <c>catvnoncat_raw</c> folder; default <c>catvnoncat_raw/</c> in <see cref="DataFolder.Find"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    public static (Tensor X, Tensor Y) LoadTest(string? folder = null, DType dtype = DType.Float32) =>
        Load(folder, "test_x_50x64x64x3.u8", "test_y.csv", 50, dtype);

    private static (Tensor X, Tensor Y) Load(string? folder, string imageFile, string labelFile, int m, DType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"CatVsNonCat needs Float32 or Float64, not {dtype}.", nameof(dtype));
        folder ??= Path.Combine(DataFolder.Require("CatVsNonCat"), "catvnoncat_raw");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"CatVsNonCat: the folder {folder} does not exist (expected the raw export catvnoncat_raw/).");
        var pixels = ReadPixels(Path.Combine(folder, imageFile), m);
        var labels = ReadLabels(Path.Combine(folder, labelFile), m);
        Tensor x, y;
        if (dtype == DType.Float64)
        {
            x = Tensor.FromArray(Array.ConvertAll(pixels, p => p / 255.0), [m, Features]);
            y = Tensor.FromArray(Array.ConvertAll(labels, l => (double)l), [m, 1]);
        }
        else
        {
            x = Tensor.FromArray(Array.ConvertAll(pixels, p => (float)(p / 255.0)), [m, Features]);
            y = Tensor.FromArray(Array.ConvertAll(labels, l => (float)l), [m, 1]);
        }
        return (x, y);
    }

    private static byte[] ReadPixels(string path, int m)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CatVsNonCat: the image file {path} is missing.", path);
        long expected = (long)m * Features;
        long actual = new FileInfo(path).Length;
        if (actual != expected)
            throw new InvalidDataException($"{path}: expected {expected} bytes ({m} images of 64×64×3 uint8) but the file has {actual}.");
        return File.ReadAllBytes(path);
    }

    private static int[] ReadLabels(string path, int m)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CatVsNonCat: the label file {path} is missing.", path);
        var fields = File.ReadAllText(path).Split([',', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != m)
            throw new InvalidDataException($"{path}: expected {m} labels but found {fields.Length}.");
        var labels = new int[m];
        for (int i = 0; i < m; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out labels[i]) || labels[i] is not (0 or 1))
                throw new InvalidDataException($"{path}: label {i} is '{fields[i]}', not 0 or 1.");
        }
        return labels;
    }
}
