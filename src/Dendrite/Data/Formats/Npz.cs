using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Reads and writes numpy's <c>.npz</c> archives (<c>np.savez</c>, <c>np.savez_compressed</c>): a zip file holding
/// one <c>name.npy</c> entry per array, stored or deflated.
/// </summary>
/// <remarks>Entry names are returned without the <c>.npy</c> suffix, in archive order; see <see cref="Npy"/> for the element types.</remarks>
public static class Npz
{
    /// <summary>Reads every array of the .npz file at <paramref name="path"/>, keyed by name (e.g. <c>"W1"</c>).</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads every array of an .npz archive in <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(Stream stream, string source = "stream")
    {
        using var archive = OpenArchive(stream, source);
        var arrays = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in Entries(archive, source))
        {
            if (entry.FullName.EndsWith('/')) continue; // a folder, not an array
            string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
            string entrySource = $"{source} (entry '{entry.FullName}')";
            if (!arrays.TryAdd(name, ReadEntry(entry, entrySource)))
                throw new InvalidDataException($"{source}: the archive holds two arrays named '{name}'.");
        }
        return arrays;
    }

    /// <summary>Writes <paramref name="arrays"/> to <paramref name="path"/> as an .npz archive, atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="arrays">Name → tensor; each becomes the entry <c>name.npy</c>.</param>
    /// <param name="compress">Deflate the entries (like <c>np.savez_compressed</c>) instead of storing them (like <c>np.savez</c>).</param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var list = arrays.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in list)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('/') || name.Contains('\\'))
                throw new ArgumentException($"{path}: invalid array name '{name}' (names are non-empty and contain no slashes).", nameof(arrays));
            if (!seen.Add(name)) throw new ArgumentException($"{path}: the array name '{name}' appears twice.", nameof(arrays));
            ArgumentNullException.ThrowIfNull(tensor, $"arrays['{name}']");
        }
        AtomicFile.Write(path, stream => Write(stream, list, compress));
    }

    /// <summary>Writes <paramref name="arrays"/> as an .npz archive to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var level = compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        foreach (var (name, tensor) in arrays)
        {
            var entry = archive.CreateEntry(name + ".npy", level);
            using var entryStream = entry.Open();
            Npy.Write(entryStream, tensor);
        }
    }

    private static ZipArchive OpenArchive(Stream stream, string source)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    /// <summary>The archive's entries; the central directory is read here, so its defects are reported here, naming the file.</summary>
    private static IReadOnlyList<ZipArchiveEntry> Entries(ZipArchive archive, string source)
    {
        try
        {
            return archive.Entries;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    private static Tensor ReadEntry(ZipArchiveEntry entry, string source)
    {
        Stream data;
        try
        {
            data = entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: cannot open the entry: {e.Message}", e);
        }
        using (data)
        {
            try
            {
                return Npy.Read(data, source);
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source}: the compressed data is corrupt ({e.Message})", e); // raised by the inflater mid-read
            }
        }
    }
}
