using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Dendrite.Cli;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Shipping;

/// <summary>
/// The README's NativeAOT publish: no trimming or AOT warnings, the plain binary and its x86-64-v3/v4 builds, a hand-over
/// to the best build the CPU runs, and <c>dendrite train planar</c> giving the JIT's numbers from every build.
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed partial class NativeAotTests(SourceCopy sources)
{
    [LinuxX64Fact]
    public void Published_binary_hands_over_to_the_cpus_best_build_and_trains_planar_like_the_jit()
    {
        string bin = sources.Folder("aot");
        string log = Command.Succeed("dotnet", ["publish", Path.Combine(sources.Root, "src", "Dendrite.Cli"), "-c", "Release", "-r", "linux-x64",
                                                "-p:PublishAot=true", "-o", bin], sources.Root, minutes: 15);
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", log);
        foreach (string name in new[] { "dendrite", "dendrite-x86-64-v3", "dendrite-x86-64-v4" })
            Assert.True(File.Exists(Path.Combine(bin, name)), $"{name} missing from {bin}: {string.Join(", ", Directory.GetFiles(bin).Select(Path.GetFileName))}");
        string dendrite = Path.Combine(bin, "dendrite");
        Assert.Contains("train", Command.Succeed(dendrite, ["--help"], bin));

        double jit = FinalCost(CliRunner.Run("train", "planar", "--out", Path.Combine(bin, "run-jit")).Output);
        int cpu = IsaDispatch.Level(IsaDispatch.CpuFeatures(File.ReadAllText("/proc/cpuinfo")));
        foreach (int cap in new[] { 4, 3, 2 })
        {
            var env = new Dictionary<string, string> { ["DENDRITE_DEBUG"] = "1", [IsaDispatch.Variable] = $"x86-64-v{cap}" };
            var run = Command.Run(dendrite, ["train", "planar", "--out", Path.Combine(bin, $"run-v{cap}")], bin, env);
            Assert.True(run.ExitCode == 0, run.ToString());
            int expected = Math.Max(2, Math.Min(cap, cpu));
            Assert.Contains($"running the x86-64-v{expected} build", run.Error);
            Assert.InRange(FinalCost(run.Output) - jit, -1e-4, 1e-4); // other SIMD widths sum in another order
        }
    }

    private static double FinalCost(string output) =>
        double.Parse(CostLine().Matches(output).Last().Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Cost after iteration \d+: ([0-9.]+)")]
    private static partial Regex CostLine();
}

/// <summary>A fact for linux-x64 only (the NativeAOT publish targets that runtime); skipped elsewhere with the reason.</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped off linux-x64.</summary>
    public LinuxX64FactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            Skip = $"the NativeAOT publish targets linux-x64; this is {RuntimeInformation.RuntimeIdentifier}";
    }
}
