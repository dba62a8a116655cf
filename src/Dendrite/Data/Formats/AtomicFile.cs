namespace Dendrite.Data;

/// <summary>Writes a file all at once or not at all: the content goes to a temporary file beside it, which is then renamed over the target.</summary>
/// <remarks>A crash or an exception mid-write leaves any previous file untouched and no half-written one behind; a
/// process killed mid-write leaves its temporary file (<c>.NAME.GUID.tmp</c>), which <see cref="DeleteLeftovers"/> removes.
/// An I/O error (a full disk) names the file being replaced, not its temporary file.</remarks>
public static class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{path}: cannot write the file because the folder {folder} does not exist.");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temp);
            throw new IOException($"{full}: cannot write the file: {e.Message.Replace(temp, full, StringComparison.Ordinal)}; any previous version is unchanged.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new UnauthorizedAccessException($"{full}: cannot write the file: {e.Message.Replace(temp, full, StringComparison.Ordinal)}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes the temporary files that writes of <paramref name="path"/> killed mid-way left beside it (<c>.NAME.GUID.tmp</c>).</summary>
    /// <remarks>Call it when a run starts in a folder no other process is writing to.</remarks>
    public static void DeleteLeftovers(string path)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder)) return;
        string prefix = "." + Path.GetFileName(full) + ".";
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            string id = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
            if (id.Length == 32 && id.All(char.IsAsciiHexDigitLower)) TryDelete(file);
        }
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
