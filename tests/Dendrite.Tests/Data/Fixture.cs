namespace Dendrite.Tests.Data;

/// <summary>Paths of the committed fixtures (copied to the test output) and scratch files for one test.</summary>
internal sealed class Fixture : IDisposable
{
    /// <summary>A committed fixture written by Fixtures/make_fixtures.py or make_gd_trajectory.py.</summary>
    public static string Path(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        Assert.True(File.Exists(path), $"fixture {path} is missing; run Fixtures/make_fixtures.py and rebuild");
        return path;
    }

    /// <summary>A fresh folder deleted when the test ends.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("dendrite-data-").FullName;

    /// <summary>A path in <see cref="Folder"/>.</summary>
    public string Scratch(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
