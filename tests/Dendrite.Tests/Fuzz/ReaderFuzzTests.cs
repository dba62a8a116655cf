using Dendrite.Fuzz;

namespace Dendrite.Tests.Fuzz;

/// <summary>
/// The bounded fuzz run of every reader (a fixed seed, a fixed number of mutated inputs per format): each input reads,
/// or fails with the reader's documented error naming the file, within the allocation bound and the time limit.
/// The long run for humans is <c>tests/Dendrite.Fuzz</c> (docs/FUZZING.md).
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int Seed = 20261207;

    private readonly string _scratch = Directory.CreateTempSubdirectory("dendrite-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string> Formats() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_inputs_read_or_fail_with_the_documented_error_within_bounds(string format)
    {
        var target = FuzzTargets.Get(format);
        Assert.NotEmpty(target.Seeds);
        // A few seconds per format on a busy 2-core machine: file-backed reads, YAML and safetensors are the slow ones.
        int inputs = target.ReadsFile ? 800 : format switch { "spec-yaml" => 3000, "safetensors" => 8000, _ => 20000 };
        var report = new FuzzRunner(target, _scratch).Run(Seed, inputs, TimeSpan.MaxValue, TimeSpan.FromSeconds(20));
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join("\n", report.Failures.Take(20))}\n" +
            "(keep each as a regression file: dotnet run -c Release --project tests/Dendrite.Fuzz -- " + format + $" --seed {Seed} --inputs {inputs})");
        Assert.Equal(inputs, report.Inputs);
        // The mutations must reach both outcomes: some inputs still read, the others fail in the reader's checks.
        Assert.True(report.Outcomes.GetValueOrDefault("read") > 0, report.ToString());
        Assert.True(report.Outcomes.Keys.Any(k => k != "read"), report.ToString());
    }

    [Fact]
    public void The_seeds_themselves_read()
    {
        foreach (var target in FuzzTargets.All())
        {
            var report = new FuzzRunner(target, _scratch).Replay(target.Seeds.Select((s, i) => ($"seed {i}", s)), TimeSpan.FromSeconds(20));
            Assert.True(report.Outcomes.Keys.SequenceEqual(["read"]), $"{report}\n{string.Join("\n", report.Failures)}");
        }
    }
}
