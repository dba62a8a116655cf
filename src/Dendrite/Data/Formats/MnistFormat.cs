namespace Dendrite.Data;

/// <summary>The loading shared by MNIST and Fashion-MNIST: four IDX files with one layout.</summary>
internal static class MnistFormat
{
    public static (Tensor X, Tensor Y) Load(string name, string subfolder, string? folder, bool train, bool flatten)
    {
        folder ??= Path.Combine(DataFolder.Require(name), subfolder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{name}: the folder {folder} does not exist (expected the four IDX files of {subfolder}/).");
        string prefix = train ? "train" : "t10k";
        string images = Locate(folder, $"{prefix}-images-idx3-ubyte", name);
        string labels = Locate(folder, $"{prefix}-labels-idx1-ubyte", name);
        var (n, rows, cols, pixels) = Idx.ReadImageBytes(images);
        var y = Idx.ReadLabels(labels);
        if (y.Shape[0] != n)
            throw new InvalidDataException($"{labels}: holds {y.Shape[0]} labels but {images} holds {n} images; the counts must match.");
        Shape shape = flatten ? [n, rows * cols] : [n, 1, rows, cols];
        return (Tensor.FromArray(Idx.Scale(pixels), shape), y);
    }

    /// <summary>The file, gzip-compressed (<c>.gz</c>) or raw, whichever exists.</summary>
    private static string Locate(string folder, string stem, string name)
    {
        foreach (string candidate in new[] { stem + ".gz", stem })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"{name}: neither {stem}.gz nor {stem} is in {folder}.", Path.Combine(folder, stem + ".gz"));
    }
}
