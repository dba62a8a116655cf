using Dendrite.Data;

namespace Dendrite.Cli.Datasets;

/// <summary>
/// The download cache, <c>${DENDRITE_CACHE:-$HOME/.cache/dendrite}/&lt;name&gt;/</c> holding each dataset's files under
/// their canonical names, and the search for a complete copy there or in the shared data folder.
/// </summary>
internal static class DatasetCache
{
    /// <summary>The environment variable that names the cache root.</summary>
    public const string EnvironmentVariable = "DENDRITE_CACHE";

    /// <summary>The cache root: <paramref name="root"/> when given, else <c>$DENDRITE_CACHE</c>, else <c>$HOME/.cache/dendrite</c>.</summary>
    public static string Root(string? root = null)
    {
        if (!string.IsNullOrWhiteSpace(root)) return Path.GetFullPath(root);
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        string? home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "dendrite");
    }

    /// <summary>The cache folder of the dataset called <paramref name="name"/>, whether or not it exists.</summary>
    public static string FolderFor(string name, string? root = null) => Path.Combine(Root(root), name);

    /// <summary>
    /// The folder holding a complete set of the files of the dataset called <paramref name="name"/>: its cache folder,
    /// else its sub-folder of the shared data folder; null when neither is complete, or the name is not a file-based dataset.
    /// </summary>
    public static string? Locate(string name) =>
        DatasetCatalog.TryFind(name) is { Kind: DatasetKind.Files } dataset ? Locate(dataset, null, DataFolder.Find()) : null;

    /// <summary>As <see cref="Locate(string)"/>, with the cache root and the shared data folder given.</summary>
    public static string? Locate(DatasetInfo dataset, string? cacheRoot, string? dataFolder)
    {
        if (dataset.Kind != DatasetKind.Files) return null;
        string cached = FolderFor(dataset.Name, cacheRoot);
        if (IsComplete(cached, dataset.Files)) return cached;
        if (dataFolder is null || dataset.SharedSubfolder is null) return null;
        string shared = Path.Combine(dataFolder, dataset.SharedSubfolder);
        return IsComplete(shared, dataset.Files) ? shared : null;
    }

    /// <summary>Where the dataset's examples come from: generated, a complete folder (cache or shared), missing, or a path.</summary>
    public static DatasetPlace Where(DatasetInfo dataset, string? cacheRoot, string? dataFolder)
    {
        switch (dataset.Kind)
        {
            case DatasetKind.Generated: return new("generated");
            case DatasetKind.FromPath: return new("from a path");
        }
        string? folder = Locate(dataset, cacheRoot, dataFolder);
        if (folder is null) return new("missing");
        return new(folder == FolderFor(dataset.Name, cacheRoot) ? "cache" : "shared", folder);
    }

    /// <summary>Whether every file is in <paramref name="folder"/> with its expected size (when known); checksums are left to downloads.</summary>
    public static bool IsComplete(string folder, IReadOnlyList<DatasetFile> files) =>
        files.Count > 0 && Directory.Exists(folder) && files.All(f =>
        {
            var info = new FileInfo(Path.Combine(folder, f.Name));
            return info.Exists && (f.Bytes is null || info.Length == f.Bytes);
        });
}
