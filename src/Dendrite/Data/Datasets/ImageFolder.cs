namespace Dendrite.Data;

/// <summary>
/// Images stored one class per sub-folder, <c>root/&lt;class&gt;/…/*.png</c>, as torchvision's <c>ImageFolder</c>:
/// the classes are the sub-folders' names in ordinal order, numbered 0, 1, …; the examples are each class's PNG
/// files (searched recursively, sorted by folder then name), class by class.
/// </summary>
/// <remarks>
/// Images are read when a batch asks for them (<see cref="Png.Read"/>, float32 [C, H, W] in [0, 1]), then passed
/// through the optional per-image <c>transform</c> (e.g. <c>new Resize(64, 64).Apply</c>). A batch stacks them,
/// so all the images it holds must have one shape: a mismatch is an error naming both files and both shapes.
/// <para><b>Shape:</b> <see cref="Get"/> gives inputs [n, C, H, W] and Int32 labels [n].</para>
/// </remarks>
public sealed class ImageFolder : IDataset
{
    private readonly Func<Tensor, Tensor>? _transform;

    /// <summary>Lists the classes and images under <paramref name="root"/>.</summary>
    /// <param name="root">The folder whose sub-folders are the classes.</param>
    /// <param name="transform">Applied to each image [C, H, W] after reading, e.g. a <see cref="Resize"/>.</param>
    public ImageFolder(string root, Func<Tensor, Tensor>? transform = null)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"ImageFolder: the folder {root} does not exist.");
        Root = root;
        _transform = transform;
        Classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (Classes.Count == 0) throw new InvalidDataException($"ImageFolder: {root} has no class sub-folders (expected root/<class>/*.png).");
        ClassToIndex = Classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var samples = new List<(string Path, int Label)>();
        foreach (var (name, label) in Classes.Select((name, i) => (name, i)))
        {
            var files = Directory.EnumerateFiles(Path.Combine(root, name), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => Path.GetDirectoryName(f), StringComparer.Ordinal).ThenBy(Path.GetFileName, StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0) throw new InvalidDataException($"ImageFolder: the class folder {Path.Combine(root, name)} holds no .png file.");
            samples.AddRange(files.Select(f => (f, label)));
        }
        Samples = samples;
    }

    /// <summary>The folder whose sub-folders are the classes.</summary>
    public string Root { get; }

    /// <summary>The class names in label order (ordinal order of the sub-folder names).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Class name → label.</summary>
    public IReadOnlyDictionary<string, int> ClassToIndex { get; }

    /// <summary>Every example's file and label, in index order.</summary>
    public IReadOnlyList<(string Path, int Label)> Samples { get; }

    /// <inheritdoc/>
    public int Count => Samples.Count;

    /// <summary>Example <paramref name="index"/>: its image [C, H, W] (transformed) and its label.</summary>
    public (Tensor Image, int Label) this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"ImageFolder: index {index} is outside [0, {Count}).");
            var (path, label) = Samples[index];
            var image = Png.Read(path);
            return (_transform is null ? image : _transform(image), label);
        }
    }

    /// <inheritdoc/>
    public Batch Get(ReadOnlySpan<int> indices)
    {
        var images = new Tensor[indices.Length];
        var labels = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            (images[k], labels[k]) = this[indices[k]];
            if (images[k].Rank != 3)
                throw new InvalidOperationException($"ImageFolder: the transform turned {Samples[indices[k]].Path} into {images[k].Shape}, not an image [C, H, W].");
            if (!images[k].Shape.Equals(images[0].Shape))
                throw new InvalidDataException(
                    $"ImageFolder: {Samples[indices[0]].Path} is {images[0].Shape} but {Samples[indices[k]].Path} is {images[k].Shape}; " +
                    "images in a batch need one shape (give a transform such as new Resize(h, w).Apply, and store every image with the same channels).");
        }
        return new Batch(Tensor.Stack(images), Tensor.FromArray(labels, [indices.Length]));
    }

    /// <summary>For example <c>ImageFolder(data/shapes: 3 classes, 120 images)</c>.</summary>
    public override string ToString() => $"ImageFolder({Root}: {Classes.Count} classes, {Count} images)";
}
