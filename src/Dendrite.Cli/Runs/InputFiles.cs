using System.Globalization;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>Reads the examples a user hands to eval and predict, and checks they fit the model's input.</summary>
internal static class InputFiles
{
    /// <summary>
    /// Features with labels: a .csv whose last column is the label, or an .npz holding x and y. NaN and ±∞ are handled
    /// as the run's <c>data.non_finite</c> says; labels must be classes the model has (<see cref="CheckLabels"/>).
    /// </summary>
    public static IDataset ReadLabelled(string path, RunSetup setup)
    {
        RequireFile(path);
        bool classification = setup.OutputKind == OutputKind.MulticlassLogits;
        var nonFinite = setup.Spec.Data.NonFinite;
        Tensor features, labels;
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            var arrays = Npz.Read(path);
            if (!arrays.TryGetValue("x", out var x) || !arrays.TryGetValue("y", out var y))
                throw new CliException($"{path}: expected arrays named x and y but found {string.Join(", ", arrays.Keys)}.");
            if (classification && y.DType.IsFloatingPoint()) FiniteData.Require(y, path, "y"); // before the cast to Int32 hides it
            var data = FiniteData.Apply(new LoadedData(x.To(setup.DType), classification ? y.To(DType.Int32) : y.To(setup.DType).Reshape(y.Shape[0], -1),
                                                       null, null, null, !classification), nonFinite, path);
            (features, labels) = (data.X, data.Y);
        }
        else
        {
            var table = Csv.Read(path, new CsvOptions { Classification = classification, DType = setup.DType, NonFinite = nonFinite });
            (features, labels) = (table.X, table.Y);
        }
        var checkedFeatures = Check(path, features, setup);
        CheckLabels(path, labels, setup);
        return new TensorDataset(checkedFeatures, labels);
    }

    /// <summary>
    /// Throws unless every label is one of the model's classes: 0 or 1 for a binary model, 0 … C − 1 for one with C
    /// outputs. A binary model scored on a label 7 reports a negative loss; a label past C fails inside the loss.
    /// </summary>
    public static void CheckLabels(string source, Tensor labels, RunSetup setup)
    {
        if (setup.OutputKind is OutputKind.BinaryLogits or OutputKind.BinaryProbability)
        {
            var values = labels.ToArray<double>();
            int bad = Array.FindIndex(values, v => v is not (0 or 1));
            if (bad >= 0)
                throw new CliException($"{source}: label {values[bad].ToString(CultureInfo.InvariantCulture)} (example {bad}) is not a class of the model, " +
                                       "which is binary: its classes are 0 and 1.");
        }
        else if (setup.OutputKind == OutputKind.MulticlassLogits)
        {
            int classes = OutputCount(setup);
            var values = labels.ToArray<int>();
            int bad = Array.FindIndex(values, v => v < 0 || v >= classes);
            if (bad >= 0)
                throw new CliException($"{source}: label {values[bad]} (example {bad}) is not a class of the model, which has {classes} classes: 0 … {classes - 1}.");
        }
    }

    /// <summary>The number of values the model outputs per example (its classes for a classifier).</summary>
    private static int OutputCount(RunSetup setup)
    {
        var output = new Trainer(setup.Model, setup.Optimizer, setup.Loss).Predict(Tensor.Zeros([1, .. setup.InputShape.ToArray()], setup.DType));
        return output.Shape[output.Rank - 1];
    }

    /// <summary>
    /// Features only: a .csv (an optional header line is skipped), a .npy array [m, …] or one .png image. NaN and ±∞ are
    /// refused naming the line and column (or the index) unless the run's <c>data.non_finite</c> is allow: each output
    /// row answers one input row, so none is dropped.
    /// </summary>
    public static Tensor ReadFeatures(string path, RunSetup setup)
    {
        RequireFile(path);
        bool allow = setup.Spec.Data.NonFinite == NonFiniteHandling.Allow;
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            var array = Npy.Read(path);
            return Check(path, allow ? array.To(setup.DType) : FiniteData.Require(array, path, "x").To(setup.DType), setup);
        }
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
            int infinite = allow ? -1 : Array.FindIndex(values, v => !double.IsFinite(v));
            if (infinite >= 0)
                throw new CliException($"{path}: line {lineNumber}, column {infinite + 1}: '{cells[infinite].Trim()}' is not a finite number; " +
                                       "the model's output for it would be meaningless (data.non_finite: allow in the run's spec keeps such values).");
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
