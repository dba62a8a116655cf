using System.Diagnostics;

namespace Dendrite.Tests.Support;

/// <summary>A small RAM file system (<c>mount -t tmpfs -o size=…</c>) on a fresh temporary folder, unmounted and removed on dispose.</summary>
/// <remarks>Needs Linux and the right to mount (root, as in CI); <see cref="TmpfsFactAttribute"/> skips tests where that is missing.</remarks>
public sealed class Tmpfs : IDisposable
{
    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB.</summary>
    /// <exception cref="InvalidOperationException">mount failed; the message holds its error.</exception>
    public Tmpfs(int kilobytes)
    {
        Directory.CreateDirectory(Path);
        var r = Command.Run("mount", ["-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", Path], "/", minutes: 1);
        if (r.ExitCode != 0)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException($"mount -t tmpfs failed: {r.Error.Trim()}");
        }
    }

    /// <summary>The mount point.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dendrite-tmpfs-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file until the file system is full (the write fails with "No space left on device").</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true) { filler.Write(block); filler.Flush(); }
        }
        catch (IOException) { }
    }

    /// <summary>Unmounts and removes the mount point.</summary>
    public void Dispose()
    {
        Command.Run("umount", [Path], "/", minutes: 1);
        if (Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
    }

    /// <summary>Null when a tmpfs can be mounted here, else why not.</summary>
    internal static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "mounting a tmpfs needs Linux";
        if (Environment.UserName != "root") return $"mounting a tmpfs needs root (running as {Environment.UserName})";
        try
        {
            using var probe = new Tmpfs(64);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
    }
}
