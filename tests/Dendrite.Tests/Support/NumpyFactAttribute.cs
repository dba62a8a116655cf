using System.Diagnostics;

namespace Dendrite.Tests.Support;

/// <summary>
/// A fact that runs a script under Debian's <c>/usr/bin/python3</c> with numpy (package <c>python3-numpy</c>, which
/// <c>.ci/run</c> installs); skipped, with the reason shown, when that interpreter or its numpy is missing.
/// </summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    /// <summary>The interpreter the fixture scripts run under.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Marks the test skipped when <c>/usr/bin/python3 -c "import numpy"</c> does not succeed.</summary>
    public NumpyFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"{Python} not found (install Debian's python3-numpy, as .ci/run does)";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy"])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null
                : $"{Python} cannot import numpy (install Debian's python3-numpy, as .ci/run does): {stderr.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{Python} could not be started: {e.Message}";
        }
    }
}
