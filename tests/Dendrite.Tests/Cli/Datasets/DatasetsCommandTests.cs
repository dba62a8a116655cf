using Dendrite.Cli.Datasets;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Datasets;

/// <summary><c>dendrite datasets</c> run as a process: the catalog table and the errors for bad names.</summary>
public sealed class DatasetsCommandTests : IDisposable
{
    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("dendrite-datasets-");

    public void Dispose() => cache.Delete(recursive: true);

    [Fact]
    public void ListsEveryDatasetAndMarksGeneratedOnes()
    {
        var result = CliRunner.Run(null, new Dictionary<string, string> { ["DENDRITE_CACHE"] = cache.FullName }, "datasets");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Output.Split('\n');
        Assert.StartsWith("NAME", lines[0]);
        Assert.DoesNotContain('\u001b', result.Output);
        foreach (var dataset in DatasetCatalog.All)
        {
            string line = Assert.Single(lines, l => l.StartsWith(dataset.Name + " ", StringComparison.Ordinal));
            Assert.Equal(dataset.Kind == DatasetKind.Generated, line.Contains(" generated ", StringComparison.Ordinal));
            Assert.Contains(dataset.Task, line);
        }
        foreach (string generated in new[] { "planar", "moons", "circles", "spirals", "blobs", "xor" })
            Assert.Equal(DatasetKind.Generated, DatasetCatalog.Find(generated).Kind);
        Assert.Contains($"cache: {cache.FullName}", result.Output);
    }

    [Fact]
    public void UnknownDatasetIsAnErrorListingTheValidNames()
    {
        var result = CliRunner.Run(null, new Dictionary<string, string> { ["DENDRITE_CACHE"] = cache.FullName },
            "datasets", "--download", "mnist", "no-such-set");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: unknown dataset 'no-such-set'", result.Error);
        Assert.Contains("mnist, fashion-mnist", result.Error);
        foreach (string name in DatasetCatalog.Names) Assert.Contains(name, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(cache.EnumerateFileSystemInfos());
    }

    [Fact]
    public void GeneratedDatasetCannotBeDownloaded()
    {
        var result = CliRunner.Run(null, new Dictionary<string, string> { ["DENDRITE_CACHE"] = cache.FullName },
            "datasets", "--download", "moons");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'moons' is generated", result.Error);
    }
}
