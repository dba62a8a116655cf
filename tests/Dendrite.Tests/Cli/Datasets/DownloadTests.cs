using System.Security.Cryptography;
using Dendrite.Cli.Datasets;
using Dendrite.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Datasets;

/// <summary><c>dendrite datasets --download</c> run as a process against mirrors on 127.0.0.1 serving the shared MNIST files.</summary>
public sealed class DownloadTests : IDisposable
{
    private static readonly Dictionary<string, string> NoMirrorVariable = new() { ["DENDRITE_MIRROR"] = "" };

    private readonly DirectoryInfo cache = Directory.CreateTempSubdirectory("dendrite-download-");

    public void Dispose() => cache.Delete(recursive: true);

    private static IReadOnlyList<DatasetFile> MnistFiles => DatasetCatalog.Find("mnist").Files;

    private string MnistCache => Path.Combine(cache.FullName, "mnist");

    private CliRunner.Result Download(params string[] mirrors) =>
        CliRunner.Run(null, NoMirrorVariable,
            ["datasets", "--download", "mnist", "--cache", cache.FullName, .. mirrors.SelectMany(m => new[] { "--mirror", m })]);

    [SharedMnistFact]
    public void DownloadsVerifiesAndThenSkipsValidFiles()
    {
        using var mirror = new LocalMirror(SharedMnist.Folder!);

        var first = Download(mirror.Url);

        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var file in MnistFiles)
        {
            Assert.Equal(file.Md5, Md5(Path.Combine(MnistCache, file.Name)));
            Assert.Contains($"mnist/{file.Name}: downloaded {file.Bytes:N0} bytes from {mirror.Url}{file.Name}", first.Output);
        }
        Assert.Equal(MnistFiles.Select(f => f.Name).Order(), Directory.GetFiles(MnistCache).Select(Path.GetFileName).Order());
        var (x, y) = Mnist.Load(MnistCache);
        Assert.Equal([60000, 784], x.Shape.ToArray());
        Assert.Equal(60000, y.Shape[0]);

        var second = Download(mirror.Url);

        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (var file in MnistFiles)
        {
            Assert.Contains($"mnist/{file.Name}: already present with the right MD5, skipped", second.Output);
            Assert.Equal(1, mirror.Requests[file.Name]);
        }

        var listing = CliRunner.Run("datasets", "--cache", cache.FullName);
        Assert.Contains($"cache: {MnistCache}", Assert.Single(listing.Output.Split('\n'), l => l.StartsWith("mnist ", StringComparison.Ordinal)));
    }

    [SharedMnistFact]
    public void CorruptedFileFailsNamingTheFileAndBothHashesAndLeavesNothing()
    {
        var corrupted = MnistFiles[0];
        using var mirror = new LocalMirror(SharedMnist.Folder!, corrupt: corrupted.Name);
        string actual = Convert.ToHexStringLower(MD5.HashData(mirror.Served(corrupted.Name)));

        var result = Download(mirror.Url);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"error: could not download mnist/{corrupted.Name}", result.Error);
        Assert.Contains($"{mirror.Url}{corrupted.Name}: checksum mismatch", result.Error);
        Assert.Contains(corrupted.Md5!, result.Error);
        Assert.Contains(actual, result.Error);
        Assert.Empty(Directory.Exists(MnistCache) ? Directory.GetFileSystemEntries(MnistCache) : []);
        Assert.Empty(cache.EnumerateFiles("*", SearchOption.AllDirectories));
    }

    [SharedMnistFact]
    public void FallsBackToTheNextMirrorAfterA404()
    {
        using var missing = new LocalMirror(SharedMnist.Folder!, notFound: true);
        using var good = new LocalMirror(SharedMnist.Folder!);

        var result = Download(missing.Url, good.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in MnistFiles)
        {
            Assert.Contains($"{missing.Url}{file.Name}: HTTP 404", result.Error);
            Assert.Contains($"from {good.Url}{file.Name}", result.Output);
            Assert.Equal(file.Md5, Md5(Path.Combine(MnistCache, file.Name)));
        }
    }

    [Fact]
    public void EveryMirrorFailingNamesEachUrlAndItsProblem()
    {
        string shared = SharedMnist.Folder ?? cache.FullName;
        using var missing = new LocalMirror(shared, notFound: true);
        string closed = ClosedPortUrl();

        var result = Download(missing.Url, closed);

        Assert.NotEqual(0, result.ExitCode);
        string file = MnistFiles[0].Name;
        Assert.Contains($"error: could not download mnist/{file}", result.Error);
        Assert.Contains($"{missing.Url}{file}: HTTP 404", result.Error);
        Assert.Contains($"{closed}{file}: network error", result.Error);
        Assert.False(Directory.Exists(MnistCache));
    }

    private static string ClosedPortUrl()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    private static string Md5(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));
}
