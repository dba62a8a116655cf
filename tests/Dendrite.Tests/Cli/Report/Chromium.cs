using System.Diagnostics;

namespace Dendrite.Tests.Cli.Report;

/// <summary>Headless Chromium for browser tests: a screenshot or the DOM of a page opened from disk.</summary>
internal static class Chromium
{
    /// <summary>The browser: <c>$DENDRITE_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c> or another usual place; null if none.</summary>
    public static string? Path { get; } = new[] { Environment.GetEnvironmentVariable("DENDRITE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Saves a PNG of <paramref name="page"/> rendered in a window of the given size.</summary>
    public static void Screenshot(string page, string png, int width, int height) =>
        Run(page, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars");

    /// <summary>The DOM of <paramref name="page"/> after loading, serialized as HTML.</summary>
    public static string DumpDom(string page) => Run(page, "--dump-dom");

    private static string Run(string page, params string[] args)
    {
        string profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dendrite-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("Chromium is not installed."))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // The flags that make Chromium start quietly as root on a machine with no network.
        string[] argv = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", .. args, new Uri(page).AbsoluteUri];
        foreach (var a in argv) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium {string.Join(' ', args)} did not finish in 2 minutes.");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"Chromium exited with {process.ExitCode}:\n{stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A fact that needs headless Chromium; it is skipped, with the reason shown, when no browser is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when <see cref="Chromium.Path"/> finds no browser.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
            Skip = "Chromium not found (install Debian's chromium package, as .ci/run does where apt-get exists, or set DENDRITE_CHROMIUM)";
    }
}
