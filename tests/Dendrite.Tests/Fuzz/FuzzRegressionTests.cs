using Dendrite.Fuzz;

namespace Dendrite.Tests.Fuzz;

/// <summary>
/// Replays every input a reader ever failed on (Fixtures/fuzz/&lt;format&gt;/*.bin: the hostile files of issue 21 and the
/// failures the fuzz harness found): each must now read or fail with the documented error, within bounds.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("dendrite-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");

    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(Folder, "*.bin", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_kept_failure_reads_or_fails_cleanly(string file)
    {
        var target = FuzzTargets.Get(file.Split('/')[0]);
        var report = new FuzzRunner(target, _scratch).Replay([(file, File.ReadAllBytes(Path.Combine(Folder, file)))], TimeSpan.FromSeconds(20));
        Assert.True(report.Inputs == 1 && report.Failures.Count == 0, $"{report}\n{string.Join("\n", report.Failures)}");
    }

    [Fact]
    public void Every_format_folder_names_a_fuzz_target()
    {
        foreach (string folder in Directory.EnumerateDirectories(Folder))
            Assert.Contains(Path.GetFileName(folder), FuzzTargets.Names);
    }
}
