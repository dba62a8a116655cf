using System.Text;
using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Serialization;

namespace Dendrite.Fuzz;

/// <summary>
/// Every reader under fuzzing, with the error type it documents: <see cref="InvalidDataException"/> for the file
/// readers (npy, npz, IDX raw and gzip, CSV, safetensors, PNG), the CLI's one-line error for the spec reader.
/// </summary>
/// <remarks>
/// Allocation slopes: an uncompressed reader may allocate 64 bytes per input byte (a CSV field of two characters
/// becomes a string, a double and a float); a compressed one (IDX .gz, .npz) 8,192, since deflate legitimately
/// expands up to 1,032:1 and the elements are widened to 4-byte floats or ints after that.
/// </remarks>
public static class FuzzTargets
{
    private const long Plain = 64, Compressed = 8192;

    /// <summary>The format names, in the order <see cref="All"/> returns them.</summary>
    public static IReadOnlyList<string> Names => [.. All().Select(t => t.Name)];

    /// <summary>All targets.</summary>
    public static IReadOnlyList<FuzzTarget> All()
    {
        var npy = FuzzSeeds.Npy();
        var idx = FuzzSeeds.Idx();
        return
        [
            new("npy", ".npy", npy, (b, s) => Npy.Read(new MemoryStream(b, writable: false), s), IsData, false, Plain),
            new("npy-file", ".npy", npy, (_, p) => Npy.Read(p), IsData, true, Plain),
            new("npz", ".npz", FuzzSeeds.Npz(), (_, p) => Npz.Read(p), IsData, true, Compressed, npy, FuzzSeeds.ZipOne),
            new("idx", ".idx", idx, (_, p) => ReadIdx(p), IsData, true, Plain),
            new("idx-gz", ".idx.gz", [.. idx.Select(b => FuzzSeeds.Gzip(b))], (_, p) => ReadIdx(p), IsData, true, Compressed, idx, FuzzSeeds.Gzip),
            new("csv", ".csv", FuzzSeeds.Csv(), (_, p) => ReadCsv(p), IsData, true, Plain),
            new("safetensors", ".safetensors", FuzzSeeds.SafeTensorsFiles(), (b, s) => SafeTensors.Read(new MemoryStream(b, writable: false), s), IsData, false, Plain),
            new("spec-yaml", ".yaml", FuzzSeeds.YamlSpecs(), (b, s) => SpecReader.Parse(Encoding.UTF8.GetString(b), s, baseFolder: null), IsSpec, false, Plain),
            new("spec-json", ".json", FuzzSeeds.JsonSpecs(), (b, s) => SpecReader.Parse(Encoding.UTF8.GetString(b), s, baseFolder: null), IsSpec, false, Plain),
            new("png", ".png", [.. FuzzSeeds.Fixtures("png", "*.png")], (b, s) => Png.DecodeImage(b, s), IsData, false, Plain),
        ];
    }

    /// <summary>The target named <paramref name="name"/>.</summary>
    public static FuzzTarget Get(string name) => All().FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown format '{name}'; formats: {string.Join(", ", Names)}", nameof(name));

    private static bool IsData(Exception e) => e is InvalidDataException;

    private static bool IsSpec(Exception e) => e is CliException;

    /// <summary>Images through <see cref="Idx.ReadImages"/>, labels through <see cref="Idx.ReadLabels"/>, any other rank through <see cref="Idx.Read"/>.</summary>
    private static void ReadIdx(string path)
    {
        (int[] dims, _) = Idx.Read(path);
        if (dims.Length == 3) Idx.ReadImages(path);
        else if (dims.Length == 1) Idx.ReadLabels(path);
    }

    /// <summary>As a table (header detected, last column the label) and, when that works, as a plain matrix.</summary>
    private static void ReadCsv(string path)
    {
        Csv.Read(path);
        Csv.Read(path, new CsvOptions { Classification = true, DType = DType.Float64 });
    }
}
