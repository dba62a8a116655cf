using Dendrite.Cli.Datasets;

namespace Dendrite.Tests.Cli.Datasets;

/// <summary>The cache layout and the search for a complete copy of a dataset's files.</summary>
public sealed class DatasetCacheTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("dendrite-cache-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void CacheFolderIsRootSlashName() =>
        Assert.Equal(Path.Combine(root.FullName, "fashion-mnist"), DatasetCache.FolderFor("fashion-mnist", root.FullName));

    [Fact]
    public void LocatePrefersACompleteCacheThenTheSharedFolder()
    {
        var football = DatasetCatalog.Find("football");
        string cache = Path.Combine(root.FullName, "cache"), shared = Path.Combine(root.FullName, "shared");
        Directory.CreateDirectory(Path.Combine(shared, "regularization"));
        Assert.Null(DatasetCache.Locate(football, cache, shared));

        foreach (var file in football.Files) File.WriteAllText(Path.Combine(shared, "regularization", file.Name), "0");
        Assert.Equal(Path.Combine(shared, "regularization"), DatasetCache.Locate(football, cache, shared));
        Assert.Equal("shared", DatasetCache.Where(football, cache, shared).Label);

        string cached = DatasetCache.FolderFor("football", cache);
        Directory.CreateDirectory(cached);
        foreach (var file in football.Files.Skip(1)) File.WriteAllText(Path.Combine(cached, file.Name), "0");
        Assert.Equal(Path.Combine(shared, "regularization"), DatasetCache.Locate(football, cache, shared));

        File.WriteAllText(Path.Combine(cached, football.Files[0].Name), "0");
        Assert.Equal(cached, DatasetCache.Locate(football, cache, shared));
        Assert.Equal(new DatasetPlace("cache", cached), DatasetCache.Where(football, cache, shared));
    }

    [Fact]
    public void AFileOfTheWrongSizeIsIncomplete()
    {
        var mnist = DatasetCatalog.Find("mnist");
        string folder = DatasetCache.FolderFor("mnist", root.FullName);
        Directory.CreateDirectory(folder);
        foreach (var file in mnist.Files) File.WriteAllBytes(Path.Combine(folder, file.Name), new byte[(int)file.Bytes!.Value]);
        Assert.Equal(folder, DatasetCache.Locate(mnist, root.FullName, null));
        File.WriteAllBytes(Path.Combine(folder, mnist.Files[0].Name), [1, 2, 3]);
        Assert.Null(DatasetCache.Locate(mnist, root.FullName, null));
    }

    [Fact]
    public void GeneratedAndUnknownNamesHaveNoFolder()
    {
        Assert.Null(DatasetCache.Locate("moons"));
        Assert.Null(DatasetCache.Locate("no-such-set"));
        Assert.Equal("generated", DatasetCache.Where(DatasetCatalog.Find("moons"), root.FullName, null).Label);
    }

    [Theory]
    [InlineData("http://h/mnist/", "http://h/mnist/f.gz")]
    [InlineData("http://h/mnist", "http://h/mnist/f.gz")]
    [InlineData("http://h/{dataset}/", "http://h/mnist/f.gz")]
    public void MirrorUrlAppendsTheFileName(string mirror, string expected) =>
        Assert.Equal(expected, DatasetDownloader.MirrorUrl(mirror, "mnist", "f.gz"));
}
