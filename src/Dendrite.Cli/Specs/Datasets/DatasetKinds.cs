using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>Every data set a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class DatasetKinds
{
    /// <summary>The table of data sets.</summary>
    public static KindTable<DatasetKind> Table { get; } = new("dataset",
    [
        new PlanarSet(),
        .. GeneratedSet.All(),
        new MnistSet(fashion: false),
        new MnistSet(fashion: true),
        new CatVsNonCatSet(),
        new FootballSet(),
        new CsvSet(),
        new NpzSet(),
        new NpySet(),
        new ImageFolderSet(),
        new PngFolderSet(),
        new TextSet(),
        new DatesSet(),
        new ShapesDetectionSet(),
    ]);
}
