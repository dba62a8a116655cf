using System.Diagnostics;

namespace Dendrite.Tests.Support;

/// <summary>
/// A fact that runs Debian's Optuna (<c>python3-optuna</c> 3.1, which <c>.ci/run</c> installs) under
/// <c>/usr/bin/python3</c>; skipped, with the reason shown, when <c>import optuna</c> fails.
/// </summary>
public sealed class OptunaFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() => Probe("optuna", "python3-optuna"));
    private static readonly Lazy<string?> MissingWithPostgres = new(() => Probe("optuna, psycopg2", "python3-optuna and python3-psycopg2"));

    /// <summary>Why Optuna cannot read a PostgreSQL study here (it also needs psycopg2), or null when it can.</summary>
    public static string? PostgresReason => MissingWithPostgres.Value;

    /// <summary>Marks the test skipped when <c>/usr/bin/python3 -c "import optuna"</c> does not succeed.</summary>
    public OptunaFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    /// <summary>Whether Optuna can be imported (for tests that check it only where present).</summary>
    public static bool Available => Missing.Value is null;

    /// <summary>Runs a Python script under <c>/usr/bin/python3</c>; returns its standard output, failing with everything it printed.</summary>
    public static string RunPython(string script, string folder) =>
        Command.Succeed(NumpyFactAttribute.Python, ["-c", script], folder, new Dictionary<string, string> { ["PYTHONWARNINGS"] = "ignore" }, minutes: 2);

    private static string? Probe(string modules, string packages)
    {
        if (!File.Exists(NumpyFactAttribute.Python)) return $"{NumpyFactAttribute.Python} not found (install Debian's {packages}, as .ci/run does)";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(NumpyFactAttribute.Python, ["-c", $"import {modules}"]) { RedirectStandardError = true, UseShellExecute = false })!;
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null
                : $"{NumpyFactAttribute.Python} cannot import {modules} (install Debian's {packages}, as .ci/run does): {stderr.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{NumpyFactAttribute.Python} could not be started: {e.Message}";
        }
    }
}
