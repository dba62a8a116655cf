using System.Globalization;
using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>Generates or reads the data set a <see cref="DataSpec"/> names, in the run's dtype.</summary>
internal static class SpecData
{
    /// <summary>Loads <paramref name="spec"/>'s data set.</summary>
    public static LoadedData Load(DataSpec spec, DType dtype)
    {
        int seed = spec.Seed ?? 0;
        switch (spec.Dataset)
        {
            case "planar": return Generated(PlanarFlower.Generate(spec.Seed ?? 1, dtype));
            case "moons": return Generated(Moons.Generate(spec.Count ?? 300, spec.Noise ?? 0.2, seed, dtype: dtype));
            case "circles": return Generated(Circles.Generate(spec.Count ?? 300, spec.Noise ?? 0.05, seed, dtype: dtype));
            case "xor": return Generated(Xor.Generate(spec.Count ?? 200, spec.Noise ?? 0.0, seed, dtype));
            case "spirals": return Generated(Spirals.Generate(spec.Count ?? 100, spec.Classes ?? 3, spec.Noise ?? 0.2, seed, dtype));
            case "blobs": return Generated(Blobs.Generate(spec.Count ?? 300, spec.Classes ?? 3, spec.Noise ?? 1.0, seed, dtype: dtype));
            case "mnist" or "fashion-mnist":
            {
                string folder = DataLocations.Find(spec.Dataset, spec.Folder);
                bool fashion = spec.Dataset == "fashion-mnist";
                var (x, y) = fashion ? FashionMnist.Load(folder, train: true) : Mnist.Load(folder, train: true);
                var (tx, ty) = fashion ? FashionMnist.Load(folder, train: false) : Mnist.Load(folder, train: false);
                var names = fashion ? FashionMnist.ClassNames : [.. Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))];
                return new LoadedData(x.To(dtype), y, tx.To(dtype), ty, names, Regression: false);
            }
            case "catvnoncat":
            {
                string folder = DataLocations.Find(spec.Dataset, spec.Folder);
                var (x, y) = CatVsNonCat.LoadTrain(folder, dtype);
                var (tx, ty) = CatVsNonCat.LoadTest(folder, dtype);
                return new LoadedData(x, y, tx, ty, CatVsNonCat.ClassNames, Regression: false);
            }
            case "football":
            {
                string folder = DataLocations.Find(spec.Dataset, spec.Folder);
                var (x, y) = Football.Load(train: true, folder, dtype);
                var (tx, ty) = Football.Load(train: false, folder, dtype);
                return new LoadedData(x, y, tx, ty, ["opponent", "France"], Regression: false);
            }
            case "csv": return ReadCsv(spec, dtype);
            case "npz": return ReadNpz(spec, dtype);
            default: return ReadNpy(spec, dtype);
        }
    }

    private static LoadedData Generated((Tensor X, Tensor Y) data) => new(data.X, data.Y, null, null, null, Regression: false);

    private static string Existing(string? path, string field)
    {
        if (path is null || !File.Exists(path)) throw new CliException($"data.{field}: the file {path} does not exist");
        return path;
    }

    private static LoadedData ReadCsv(DataSpec spec, DType dtype)
    {
        string path = Existing(spec.Path, "path");
        bool classification = spec.Classification ?? false;
        var options = new CsvOptions
        {
            Header = spec.Header switch { "true" => CsvHeader.Present, "false" => CsvHeader.Absent, "sklearn" => CsvHeader.Sklearn, _ => CsvHeader.Auto },
            Classification = classification,
            DType = dtype,
        };
        if (spec.Label is string label)
            options = int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)
                ? options with { LabelIndex = index }
                : options with { LabelName = label };
        var table = Csv.Read(path, options);
        return new LoadedData(table.X, table.Y, null, null, null, Regression: !classification);
    }

    private static LoadedData ReadNpz(DataSpec spec, DType dtype)
    {
        string path = Existing(spec.Path, "path");
        var arrays = Npz.Read(path);
        Tensor Array(string name, string field) => arrays.TryGetValue(name, out var t) ? t
            : throw new CliException($"data.{field}: {path} has no array named \"{name}\" (arrays: {string.Join(", ", arrays.Keys)})");
        return Targets(Array(spec.X ?? "x", "x"), Array(spec.Y ?? "y", "y"), dtype, path);
    }

    private static LoadedData ReadNpy(DataSpec spec, DType dtype) =>
        Targets(Npy.Read(Existing(spec.Path, "path")), Npy.Read(Existing(spec.Y, "y")), dtype, spec.Path!);

    /// <summary>Integer targets [m] are class labels; anything else is a float target [m, k] ([m] becomes [m, 1]).</summary>
    private static LoadedData Targets(Tensor x, Tensor y, DType dtype, string source)
    {
        if (x.Shape[0] != y.Shape[0])
            throw new CliException($"data: {source}: the inputs have {x.Shape[0]} examples ({x.Shape}) but the targets {y.Shape[0]} ({y.Shape})");
        if (!x.DType.IsFloatingPoint()) x = x.To(DType.Float64);
        if (y.DType == DType.Int32 && y.Rank == 1) return new LoadedData(x.To(dtype), y, null, null, null, Regression: false);
        if (!y.DType.IsFloatingPoint()) y = y.To(DType.Float64);
        if (y.Rank == 1) y = y.Reshape(y.Shape[0], 1);
        var values = y.ToArray<double>();
        bool binary = y.Shape[1] == 1 && values.All(v => v is 0 or 1);
        return new LoadedData(x.To(dtype), y.To(dtype), null, null, null, Regression: !binary);
    }
}
