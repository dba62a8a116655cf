namespace Dendrite.Tests.Shipping;

/// <summary>
/// A copy of the repository's shipped sources (src/, the built-in specs, the build props, README and licence) in a
/// temporary folder, so that packing and publishing never touch the build the tests run from.
/// </summary>
public sealed class SourceCopy : IDisposable
{
    /// <summary>The repository the tests were built from: the first folder above the test binaries holding Dendrite.slnx.</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>The copy's root folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "dendrite-ship-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Copies the sources.</summary>
    public SourceCopy()
    {
        CopyTree(Path.Combine(Repository, "src"), Path.Combine(Root, "src"));
        CopyTree(Path.Combine(Repository, "examples", "specs"), Path.Combine(Root, "examples", "specs"));
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "README.md", "LICENSE" })
            File.Copy(Path.Combine(Repository, file), Path.Combine(Root, file));
    }

    /// <summary>A fresh folder inside the copy.</summary>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, "work", name)).FullName;

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.EnumerateDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj"))
                CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dendrite.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Dendrite.slnx above {AppContext.BaseDirectory}");
    }
}

/// <summary>The shipping tests share one copy of the sources and run one after another (they build in it).</summary>
[CollectionDefinition(Name)]
public sealed class ShippingCollection : ICollectionFixture<SourceCopy>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Shipping";
}
