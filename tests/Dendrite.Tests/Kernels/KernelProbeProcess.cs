using System.Diagnostics;
using Dendrite.KernelProbe;

namespace Dendrite.Tests.Kernels;

/// <summary>What one probe run reported.</summary>
/// <param name="ExitCode">0 when every check passed.</param>
/// <param name="Widths">The vector widths the probe process accelerated.</param>
/// <param name="Output">Its standard output and error.</param>
internal sealed record ProbeResult(int ExitCode, IReadOnlyList<int> Widths, string Output);

/// <summary>Launches Dendrite.KernelProbe.dll (copied next to this test assembly) in a fresh process.</summary>
/// <remarks>
/// The runtime reads DOTNET_PreferredVectorBitWidth, DOTNET_EnableAVX2 and DOTNET_EnableHWIntrinsic
/// only at start-up, so each vector width needs its own process.
/// </remarks>
internal static class KernelProbeProcess
{
    /// <summary>The runtime settings that select vector widths; cleared in the child unless set explicitly.</summary>
    public static readonly string[] WidthSettings = ["DOTNET_PreferredVectorBitWidth", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic"];

    /// <summary>Whether this process itself runs with any width setting (then its widths are not the default).</summary>
    public static bool CurrentProcessHasWidthSettings
        => WidthSettings.Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));

    /// <summary>Runs the probe with one optional setting; returns its exit code, accelerated widths and output.</summary>
    public static ProbeResult Run(string? setting, string? value)
    {
        string directory = AppContext.BaseDirectory;
        string dll = Path.Combine(directory, "Dendrite.KernelProbe.dll");
        string config = Path.Combine(directory, "Dendrite.KernelProbe.runtimeconfig.json");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference Dendrite.KernelProbe");
        Assert.True(File.Exists(config), $"{config} is missing: `dotnet {Path.GetFileName(dll)}` cannot start without it");

        var start = new ProcessStartInfo(DotnetHost(), [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (string name in WidthSettings) start.Environment.Remove(name);
        if (setting is not null) start.Environment[setting] = value;

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); Assert.Fail($"probe timed out:\n{output}"); }
        output += error.Result;

        string? line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("accelerated:", StringComparison.Ordinal));
        Assert.True(line is not null, $"probe printed no 'accelerated:' line:\n{output}");
        return new(process.ExitCode, VectorWidths.Parse(line["accelerated:".Length..]), output);
    }

    /// <summary>The dotnet host running this test (falls back to the one on PATH).</summary>
    private static string DotnetHost()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(host) ? "dotnet" : host;
    }
}
