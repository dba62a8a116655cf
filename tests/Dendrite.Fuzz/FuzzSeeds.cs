using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Dendrite.Data;
using Dendrite.Serialization;

namespace Dendrite.Fuzz;

/// <summary>Valid seed files per format: written by the library's own writers, plus the test fixtures when they can be found.</summary>
public static class FuzzSeeds
{
    /// <summary>The test fixture folder: beside the running assembly (in the test output) or found by walking up to the repository.</summary>
    public static string? FixtureFolder()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Dendrite.Tests", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The fixture files matching <paramref name="pattern"/> (none when the fixtures are not found).</summary>
    public static IEnumerable<byte[]> Fixtures(string folder, string pattern)
    {
        string? root = FixtureFolder();
        string dir = root is null ? "" : Path.Combine(root, folder);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, pattern).Order(StringComparer.Ordinal).Select(File.ReadAllBytes) : [];
    }

    /// <summary>Small float32, float64 and int32 tensors of several ranks, the empty and the scalar included.</summary>
    public static IReadOnlyList<Tensor> Tensors() =>
    [
        Tensor.FromArray(new float[] { 1, -2, 3.5f, 0, 1e-3f, 7 }, [2, 3]),
        Tensor.FromArray(new double[] { 1, 2, 3, 4 }, [4]),
        Tensor.FromArray(new int[] { 1, -1, int.MaxValue, 0 }, [2, 2]),
        Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [2, 2, 2]),
        Tensor.FromArray(new double[] { 42 }, []),
        Tensor.FromArray(Array.Empty<float>(), [0, 3]),
    ];

    /// <summary>One .npy file per tensor of <see cref="Tensors"/>, plus the .npy fixtures.</summary>
    public static List<byte[]> Npy() => [.. Tensors().Select(t => Write(s => Data.Npy.Write(s, t))), .. Valid(Fixtures(".", "*.npy"), s => Data.Npy.Read(s))];

    /// <summary>Archives of two and of all tensors, stored and deflated, plus the .npz fixtures under 64 KiB.</summary>
    public static List<byte[]> Npz()
    {
        var tensors = Tensors();
        var pairs = tensors.Select((t, i) => KeyValuePair.Create($"a{i}", t)).ToList();
        return [.. new[] { false, true }.SelectMany(c => new[] { Write(s => Data.Npz.Write(s, pairs[..2], c)), Write(s => Data.Npz.Write(s, pairs, c)) }),
                .. Valid(Fixtures(".", "*.npz").Where(b => b.Length < 1 << 16), s => Data.Npz.Read(s))];
    }

    /// <summary>A zip archive holding <paramref name="npy"/> as its one entry, stored or deflated.</summary>
    public static byte[] ZipOne(byte[] npy, Random random) => Write(s =>
    {
        using var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
        using var entry = zip.CreateEntry("x.npy", random.Next(2) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest).Open();
        entry.Write(npy);
    });

    /// <summary>Safetensors files with metadata and several dtypes, plus the .safetensors fixtures.</summary>
    public static List<byte[]> SafeTensorsFiles()
    {
        var tensors = Tensors().Select((t, i) => KeyValuePair.Create($"layer{i}.weight", t)).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "3" };
        return [Write(s => SafeTensors.Write(s, tensors, metadata)), Write(s => SafeTensors.Write(s, tensors[..1])),
                Write(s => SafeTensors.Write(s, [])), .. Valid(Fixtures(".", "*.safetensors"), s => SafeTensors.Read(s))];
    }

    /// <summary>IDX image files [n, rows, cols] and label files [n].</summary>
    public static List<byte[]> Idx() =>
    [
        IdxFile([3, 4, 5]), IdxFile([7]), IdxFile([0, 28, 28]), IdxFile([2, 1, 1]), IdxFile([1, 2, 3, 2]),
    ];

    /// <summary>A gzip stream of <paramref name="raw"/>.</summary>
    public static byte[] Gzip(byte[] raw, Random? random = null) => Write(s =>
    {
        using var z = new GZipStream(s, random?.Next(2) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest, leaveOpen: true);
        z.Write(raw);
    });

    /// <summary>Numeric tables: a named header, a scikit-learn count header, no header, tabs of quoted fields.</summary>
    public static List<byte[]> Csv() =>
    [
        Encoding.UTF8.GetBytes("x1,x2,x3,label\n0.5,1.25,-3,0\n1e-3,2,3,1\n4,5,6,1\n"),
        Encoding.UTF8.GetBytes("3,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n6.2,2.9,1\n"),
        Encoding.UTF8.GetBytes("1,2,0\n3,4,1\n\n5,6,0\n"),
        Encoding.UTF8.GetBytes("\"a\",\"b\",\"y\"\n\"1.5\",\"-2\",\"1\"\n\"0\",\"7\",\"0\"\n"),
    ];

    /// <summary>The built-in specs (examples/specs, embedded in the CLI) as JSON text.</summary>
    public static List<byte[]> JsonSpecs() => [.. BuiltInSpecs().Where(s => s.Name.EndsWith(".json", StringComparison.Ordinal)).Select(s => s.Bytes)];

    /// <summary>The built-in YAML specs, and the JSON ones rewritten as block YAML.</summary>
    public static List<byte[]> YamlSpecs() =>
    [
        .. BuiltInSpecs().Where(s => !s.Name.EndsWith(".json", StringComparison.Ordinal)).Select(s => s.Bytes),
        .. JsonSpecs().Select(b => Encoding.UTF8.GetBytes(Yaml(JsonNode.Parse(b), ""))),
    ];

    private static IEnumerable<(string Name, byte[] Bytes)> BuiltInSpecs()
    {
        var assembly = typeof(Dendrite.Cli.Specs.SpecReader).Assembly;
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("specs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (name, copy.ToArray());
        }
    }

    /// <summary>A JSON tree as block-style YAML (scalars in JSON syntax, which YAML reads the same).</summary>
    private static string Yaml(JsonNode? node, string indent) => node switch
    {
        JsonObject o when o.Count > 0 => string.Concat(o.Select(p => p.Value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }
            ? $"{indent}{p.Key}:\n{Yaml(p.Value, indent + "  ")}" : $"{indent}{p.Key}: {Yaml(p.Value, "")}\n")),
        JsonArray a when a.Count > 0 => string.Concat(a.Select(v => v is JsonObject { Count: > 0 } or JsonArray { Count: > 0 }
            ? $"{indent}-\n{Yaml(v, indent + "  ")}" : $"{indent}- {Yaml(v, "")}\n")),
        null => "null",
        _ => node.ToJsonString(),
    };

    private static byte[] IdxFile(int[] dims)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var bytes = new byte[4 + 4 * dims.Length + count];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        for (long i = 0; i < count; i++) bytes[4 + 4 * dims.Length + i] = (byte)(i * 37 % 256);
        return bytes;
    }

    /// <summary>The files <paramref name="read"/> accepts (some fixtures are deliberately invalid: they test the errors).</summary>
    private static IEnumerable<byte[]> Valid(IEnumerable<byte[]> files, Action<Stream> read) => files.Where(b =>
    {
        try
        {
            read(new MemoryStream(b, writable: false));
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    });

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
