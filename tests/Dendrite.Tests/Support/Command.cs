using System.Diagnostics;

namespace Dendrite.Tests.Support;

/// <summary>Runs a program (dotnet, a published binary, an installed tool) and fails with everything it printed if it fails.</summary>
internal static class Command
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="folder"/> and waits at most <paramref name="minutes"/>.</summary>
    public static CliRunner.Result Run(string file, IEnumerable<string> args, string folder, IReadOnlyDictionary<string, string>? environment = null, int minutes = 10)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(minutes)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {minutes} minutes.");
        }
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Like <see cref="Run"/>, asserting exit code 0.</summary>
    public static string Succeed(string file, IEnumerable<string> args, string folder, IReadOnlyDictionary<string, string>? environment = null, int minutes = 10)
    {
        var result = Run(file, args, folder, environment, minutes);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', args)} failed in {folder}:\n{result}");
        return result.Output;
    }
}
