using System.Diagnostics;

namespace Dendrite.Tests.Support;

/// <summary>
/// A fact that runs ONNX's own model checker under Debian's <c>/usr/bin/python3</c> (package <c>python3-onnx</c>, which
/// <c>.ci/run</c> installs); skipped, with the reason shown, when that interpreter cannot import onnx.
/// </summary>
public sealed class OnnxCheckerFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Marks the test skipped when <c>/usr/bin/python3 -c "import onnx"</c> does not succeed.</summary>
    public OnnxCheckerFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    private static string? Probe()
    {
        string python = NumpyFactAttribute.Python;
        if (!File.Exists(python)) return $"{python} not found (install Debian's python3-onnx, as .ci/run does)";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import onnx"]) { RedirectStandardError = true, UseShellExecute = false })!;
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null
                : $"{python} cannot import onnx (install Debian's python3-onnx, as .ci/run does): {stderr.Trim().Split('\n')[^1]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{python} could not be started: {e.Message}";
        }
    }
}
