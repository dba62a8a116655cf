namespace Dendrite.Cli.Specs;

/// <summary>The data set, its parameters, and how it is split and scaled. Null fields take their dataset's default.</summary>
/// <param name="Dataset">planar, moons, circles, spirals, blobs, xor, mnist, fashion-mnist, catvnoncat, football, csv, npz or npy.</param>
internal sealed record DataSpec(string Dataset = "planar")
{
    /// <summary>The data sets a spec may name.</summary>
    public static IReadOnlyList<string> Datasets { get; } =
        ["planar", "moons", "circles", "spirals", "blobs", "xor", "mnist", "fashion-mnist", "catvnoncat", "football", "csv", "npz", "npy"];

    /// <summary>Generated sets: number of examples (spirals: points per class).</summary>
    public int? Count { get; init; }

    /// <summary>Generated sets: noise level.</summary>
    public double? Noise { get; init; }

    /// <summary>Generated sets: generator seed (planar default 1, others 0).</summary>
    public int? Seed { get; init; }

    /// <summary>spirals: number of classes; blobs: number of centers.</summary>
    public int? Classes { get; init; }

    /// <summary>csv, npz: the file; npy: the inputs file. Relative paths are resolved against the spec's folder.</summary>
    public string? Path { get; init; }

    /// <summary>mnist, fashion-mnist, catvnoncat, football: the folder holding the files (searched first).</summary>
    public string? Folder { get; init; }

    /// <summary>csv: the label column, by name or by index (negative counts from the end; default the last).</summary>
    public string? Label { get; init; }

    /// <summary>csv: auto (default), true, false or sklearn.</summary>
    public string? Header { get; init; }

    /// <summary>csv: labels are class indices (default false: a regression target).</summary>
    public bool? Classification { get; init; }

    /// <summary>npz: the name of the inputs array (default x); npy: ignored.</summary>
    public string? X { get; init; }

    /// <summary>npz: the name of the targets array (default y); npy: the targets file.</summary>
    public string? Y { get; init; }

    /// <summary>Fraction of the training examples held out as the dev set (default 0).</summary>
    public double Dev { get; init; }

    /// <summary>Fraction held out as the test set, for data sets without their own (default 0).</summary>
    public double Test { get; init; }

    /// <summary>Seed of the dev/test split (default 0).</summary>
    public int SplitSeed { get; init; }

    /// <summary>Standardize the inputs with the training set's mean and variance (default false).</summary>
    public bool Standardize { get; init; }
}
