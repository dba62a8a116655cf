using Dendrite.Fuzz;

namespace Dendrite.Tests.Fuzz;

/// <summary>The harness catches what it claims to: undocumented exceptions, errors not naming the file, over-allocation, hangs; and a seed replays its inputs.</summary>
public sealed class FuzzRunnerTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("dendrite-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static FuzzTarget Target(Action<byte[], string> read) =>
        new("test", ".bin", [new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }], read, e => e is InvalidDataException, ReadsFile: false, AllocationPerByte: 64);

    private FuzzReport Run(Action<byte[], string> read, double limitSeconds = 20) =>
        new FuzzRunner(Target(read), _scratch).Run(seed: 1, inputs: 50, TimeSpan.MaxValue, TimeSpan.FromSeconds(limitSeconds));

    [Fact]
    public void Documented_errors_naming_the_file_pass()
    {
        var report = Run((b, s) => { if (b.Length % 2 == 0) throw new InvalidDataException($"{s}: odd"); });
        Assert.Empty(report.Failures);
        Assert.Equal(50, report.Inputs);
    }

    [Fact]
    public void An_undocumented_exception_is_a_failure()
    {
        var report = Run((b, _) => { if (b.Length > 4) throw new OverflowException("boom"); });
        Assert.NotEmpty(report.Failures);
        Assert.Contains("undocumented System.OverflowException", report.Failures[0].Problem);
    }

    [Fact]
    public void A_documented_error_that_does_not_name_the_file_is_a_failure()
    {
        var report = Run((_, _) => throw new InvalidDataException("the central directory is corrupt"));
        Assert.Equal(50, report.Failures.Count);
        Assert.Contains("does not name the file", report.Failures[0].Problem);
    }

    [Fact]
    public void Allocating_past_the_bound_is_a_failure()
    {
        var report = Run((b, _) => GC.KeepAlive(new byte[FuzzRunner.AllocationConstant + 64 * b.Length + 1024]));
        Assert.Equal(50, report.Failures.Count);
        Assert.Contains("allocated", report.Failures[0].Problem);
    }

    [Fact]
    public void A_hang_is_reported_with_its_input()
    {
        var report = Run((b, _) => { if (b.Length > 6) Thread.Sleep(Timeout.Infinite); }, limitSeconds: 0.5);
        var hang = Assert.Single(report.Failures);
        Assert.Contains("hang", hang.Problem);
        Assert.True(hang.Input.Length > 6);
    }

    [Fact]
    public void A_seed_replays_the_same_inputs()
    {
        var target = FuzzTargets.Get("npy");
        var first = new FuzzRunner(target, _scratch).Generate(7, 200).Select(x => x.Input).ToList();
        var again = new FuzzRunner(target, _scratch).Generate(7, 200).Select(x => x.Input).ToList();
        var other = new FuzzRunner(target, _scratch).Generate(8, 200).Select(x => x.Input).ToList();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
