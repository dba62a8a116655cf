using System.Globalization;
using Dendrite.Cli.Specs;
using Dendrite.Data;

namespace Dendrite.Cli.Runs;

/// <summary>Reads the examples a user hands to eval and predict, and checks they fit the model's input.</summary>
internal static class InputFiles
{
    /// <summary>Features with labels: a .csv whose last column is the label, or an .npz holding x and y.</summary>
    public static IDataset ReadLabelled(string path, RunSetup setup)
    {
        RequireFile(path);
        bool classification = setup.OutputKind == OutputKind.MulticlassLogits;
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            var arrays = Npz.Read(path);
            if (!arrays.TryGetValue("x", out var x) || !arrays.TryGetValue("y", out var y))
                throw new CliException($"{path}: expected arrays named x and y but found {string.Join(", ", arrays.Keys)}.");
            return new TensorDataset(Check(path, x.To(setup.DType), setup), classification ? y.To(DType.Int32) : y.To(setup.DType).Reshape(y.Shape[0], -1));
        }
        var table = Csv.Read(path, new CsvOptions { Classification = classification, DType = setup.DType });
        return new TensorDataset(Check(path, table.X, setup), table.Y);
    }

    /// <summary>Features only: a .csv (an optional header line is skipped), a .npy array [m, …] or one .png image.</summary>
    public static Tensor ReadFeatures(string path, RunSetup setup)
    {
        RequireFile(path);
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) return Check(path, Npy.Read(path).To(setup.DType), setup);
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) return ReadImage(path, setup);
        var rows = new List<double[]>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(',');
            var values = new double[cells.Length];
            bool numeric = true;
            for (int c = 0; c < cells.Length && numeric; c++)
                numeric = double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]);
            if (!numeric && rows.Count == 0 && lineNumber == 1) continue; // header
            if (!numeric) throw new CliException($"{path}: line {lineNumber}: not all values are numbers.");
            if (rows.Count > 0 && values.Length != rows[0].Length)
                throw new CliException($"{path}: line {lineNumber} has {values.Length} values but earlier rows have {rows[0].Length}.");
            rows.Add(values);
        }
        if (rows.Count == 0) throw new CliException($"{path}: no rows of numbers.");
        var flat = rows.SelectMany(r => r).ToArray();
        return Check(path, Tensor.FromArray(flat, [rows.Count, rows[0].Length]).To(setup.DType), setup);
    }

    /// <summary>
    /// One PNG as a batch of one, pixels / 255: [1, C, H, W] for a model that takes images [C, H, W], or flattened to
    /// [1, C·H·W] for one that takes rows; the channels and size must be the model's.
    /// </summary>
    private static Tensor ReadImage(string path, RunSetup setup)
    {
        var image = Png.Read(path);
        var expected = setup.InputShape;
        bool fits = expected.Rank == 3 ? image.Shape == expected : image.Count == expected.Count;
        if (!fits)
        {
            string wanted = expected.Rank == 3
                ? $"{expected[0]} channel(s) of {expected[1]}×{expected[2]} pixels ({expected})"
                : $"{expected.Count} values per example ({expected})";
            throw new CliException($"{path}: the image has {image.Shape[0]} channel(s) of {image.Shape[1]}×{image.Shape[2]} pixels ({image.Shape}) but the model's first layer {FirstLayer(setup)} expects {wanted}.");
        }
        return image.Reshape([1, .. expected.ToArray()]).To(setup.DType);
    }

    private static string FirstLayer(RunSetup setup)
    {
        var module = setup.Model;
        while (module.Children.Count > 0) module = module.Children[0].Module;
        return module.Describe();
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
    }

    private static Tensor Check(string path, Tensor x, RunSetup setup)
    {
        var expected = setup.InputShape;
        if (x.Rank < 1 || x.Count / Math.Max(1, x.Shape[0]) != expected.Count)
            throw new CliException($"{path}: examples of shape {new Shape(x.Shape.ToArray()[1..])} do not fit the model: its first layer {FirstLayer(setup)} expects {expected} per example.");
        return x.Rank - 1 == expected.Rank ? x : x.Reshape([x.Shape[0], .. expected.ToArray()]);
    }
}
