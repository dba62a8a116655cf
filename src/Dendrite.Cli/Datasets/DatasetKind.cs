namespace Dendrite.Cli.Datasets;

/// <summary>Where a built-in dataset's examples come from.</summary>
internal enum DatasetKind
{
    /// <summary>Computed from a seed; needs no files.</summary>
    Generated,

    /// <summary>Read from a folder of fixed files: the download cache or the shared data folder.</summary>
    Files,

    /// <summary>Read from a file the user names (CSV, NPY, NPZ).</summary>
    FromPath,
}
