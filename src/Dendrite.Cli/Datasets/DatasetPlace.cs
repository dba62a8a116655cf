namespace Dendrite.Cli.Datasets;

/// <summary>Where a dataset's examples were found, for the catalog table.</summary>
/// <param name="Label">"generated", "cache", "shared", "missing" or "from a path".</param>
/// <param name="Folder">The folder holding a complete set of files, for "cache" and "shared".</param>
internal sealed record DatasetPlace(string Label, string? Folder = null);
