namespace Dendrite.Tests.Kernels;

/// <summary>
/// A fact that needs an AMD CPU and a Linux /proc/cpuinfo, whose "cache size" line is then the per-core L2; skipped,
/// with the reason shown, elsewhere (on Intel that line reports the L3).
/// </summary>
public sealed class AmdCpuInfoFactAttribute : FactAttribute
{
    /// <summary>Marks the fact skipped unless /proc/cpuinfo names AuthenticAMD and has a "cache size" line.</summary>
    public AmdCpuInfoFactAttribute()
    {
        if (L2KiB() is null)
            Skip = "needs /proc/cpuinfo from an AMD CPU (vendor_id AuthenticAMD and a \"cache size\" line, the per-core L2)";
    }

    /// <summary>The per-core L2 in KiB from /proc/cpuinfo on AMD ("cache size : 1024 KB"), or null.</summary>
    public static int? L2KiB()
    {
        const string Path = "/proc/cpuinfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(Path)) return null;
        string[] lines = File.ReadAllLines(Path);
        if (!lines.Any(l => l.StartsWith("vendor_id", StringComparison.Ordinal) && l.Contains("AuthenticAMD", StringComparison.Ordinal)))
            return null;
        string? cache = lines.FirstOrDefault(l => l.StartsWith("cache size", StringComparison.Ordinal));
        if (cache is null) return null;
        string value = cache[(cache.IndexOf(':') + 1)..].Trim();
        return value.EndsWith(" KB", StringComparison.Ordinal) && int.TryParse(value[..^3], out int kib) ? kib : null;
    }
}
