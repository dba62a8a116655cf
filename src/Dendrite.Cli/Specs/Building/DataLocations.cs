using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Where file-based data sets are looked for: an explicit folder in the spec, then the shared data folder
/// (<see cref="DataFolder.Find"/>), then the download cache <c>${DENDRITE_CACHE:-$HOME/.cache/dendrite}/&lt;dataset&gt;/</c>.
/// </summary>
internal static class DataLocations
{
    /// <summary>The environment variable naming the download cache.</summary>
    public const string CacheVariable = "DENDRITE_CACHE";

    /// <summary>The cache root: <c>$DENDRITE_CACHE</c>, or <c>~/.cache/dendrite</c>.</summary>
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dendrite");

    /// <summary>The cache folder of one data set, e.g. <c>~/.cache/dendrite/mnist</c>; files keep their canonical names.</summary>
    public static string CacheFolder(string dataset) => Path.Combine(CacheRoot, dataset);

    /// <summary>The subfolder of the shared data folder holding <paramref name="dataset"/>.</summary>
    public static string SharedSubfolder(string dataset) => dataset switch
    {
        "catvnoncat" => "catvnoncat_raw",
        "football" => "regularization",
        _ => dataset,
    };

    /// <summary>A file every copy of the data set holds, used to tell whether a folder has it (with or without .gz).</summary>
    public static string ProbeFile(string dataset) => dataset switch
    {
        "mnist" or "fashion-mnist" => "train-labels-idx1-ubyte",
        "catvnoncat" => "train_y.csv",
        "football" => "train_X.csv",
        _ => throw new ArgumentException($"no files are known for dataset {dataset}", nameof(dataset)),
    };

    /// <summary>The first folder holding <paramref name="dataset"/>; an error naming every place searched when none does.</summary>
    /// <param name="dataset">mnist, fashion-mnist, catvnoncat or football.</param>
    /// <param name="folder">The spec's explicit folder, if any (searched first).</param>
    public static string Find(string dataset, string? folder) => Find(dataset, folder, DataFolder.Find());

    /// <summary>As <see cref="Find(string, string?)"/>, with the shared data folder given (null: none).</summary>
    public static string Find(string dataset, string? folder, string? sharedData)
    {
        var searched = new List<string>();
        if (folder is not null) searched.Add(folder);
        if (sharedData is not null) searched.Add(Path.Combine(sharedData, SharedSubfolder(dataset)));
        searched.Add(CacheFolder(dataset));
        string probe = ProbeFile(dataset);
        foreach (string candidate in searched)
            if (File.Exists(Path.Combine(candidate, probe)) || File.Exists(Path.Combine(candidate, probe + ".gz"))) return candidate;
        throw new CliException($"data.dataset: {dataset} was not found; searched {string.Join(", ", searched)} " +
                               $"(set {DataFolder.EnvironmentVariable} to the shared data folder, set data.folder, " +
                               $"or run `dendrite datasets --download {dataset}`)");
    }
}
