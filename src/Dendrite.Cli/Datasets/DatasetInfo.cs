namespace Dendrite.Cli.Datasets;

/// <summary>One entry of the catalog: what the dataset is, and for a file-based one, its files and mirrors.</summary>
/// <param name="Name">The name on the command line and of the cache folder (e.g. <c>fashion-mnist</c>).</param>
/// <param name="Kind">Generated, read from fixed files, or read from a path the user gives.</param>
/// <param name="Description">One line saying what the examples are.</param>
/// <param name="Task">"binary", "multiclass (k)", or "any" for the from-a-path kinds.</param>
/// <param name="Examples">Example count, e.g. "60,000 + 10,000" for train + test.</param>
/// <param name="Features">Shape of one example, e.g. "784 (1×28×28)".</param>
internal sealed record DatasetInfo(string Name, DatasetKind Kind, string Description, string Task, string Examples, string Features)
{
    /// <summary>The dataset's sub-folder of the shared data folder (<see cref="Dendrite.Data.DataFolder.Find"/>), when it has one.</summary>
    public string? SharedSubfolder { get; init; }

    /// <summary>The files a complete copy holds, under their canonical names.</summary>
    public IReadOnlyList<DatasetFile> Files { get; init; } = [];

    /// <summary>Base URLs that serve the files by name, tried in order; empty when it cannot be downloaded.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>Whether <c>dendrite datasets --download</c> can fetch it.</summary>
    public bool CanDownload => Mirrors.Count > 0;
}
