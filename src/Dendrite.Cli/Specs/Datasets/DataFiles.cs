using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>What the file-based data sets share: checking a path, and reading inputs and targets into <see cref="LoadedData"/>.</summary>
internal static class DataFiles
{
    /// <summary><paramref name="path"/>, or an error naming the field when the file is missing.</summary>
    public static string Existing(string? path, string field)
    {
        if (path is null || !File.Exists(path)) throw new CliException($"data.{field}: the file {path} does not exist");
        return path;
    }

    /// <summary>
    /// Inputs and targets as a data set: Int32 targets [m] are class labels, anything else a float target [m, k]
    /// ([m] becomes [m, 1]; 0/1 in one column is binary). Inputs [m, …] become rows, or images [m, C, H, W] when
    /// <paramref name="images"/> ([m, H, W] gains one channel).
    /// </summary>
    public static LoadedData Targets(Tensor x, Tensor y, DType dtype, string source, bool images)
    {
        if (x.Shape[0] != y.Shape[0])
            throw new CliException($"data: {source}: the inputs have {x.Shape[0]} examples ({x.Shape}) but the targets {y.Shape[0]} ({y.Shape})");
        x = Layout(FloatInputs(x), source, images).To(dtype);
        if (y.DType == DType.Int32 && y.Rank == 1) return new LoadedData(x, y, null, null, null, Regression: false);
        if (!y.DType.IsFloatingPoint()) y = y.To(DType.Float64);
        if (y.Rank == 1) y = y.Reshape(y.Shape[0], 1);
        var values = y.ToArray<double>();
        bool binary = y.Shape[1] == 1 && values.All(v => v is 0 or 1);
        return new LoadedData(x, y.To(dtype), null, null, null, Regression: !binary);
    }

    /// <summary>Integer inputs as floats: pixel / 255 when they are <paramref name="pixels"/>, else as they are.</summary>
    public static Tensor FloatInputs(Tensor x, bool pixels = false) =>
        x.DType.IsFloatingPoint() ? x : pixels ? x.To(DType.Float32) * (1.0 / 255) : x.To(DType.Float64);

    /// <summary>Rows [m, features] (flattening any image), or images [m, C, H, W].</summary>
    public static Tensor Layout(Tensor x, string source, bool images)
    {
        if (!images) return x.Rank == 2 ? x : x.Reshape(x.Shape[0], x.Count / Math.Max(1, x.Shape[0]));
        return x.Rank switch
        {
            4 => x,
            3 => x.Reshape(x.Shape[0], 1, x.Shape[1], x.Shape[2]),
            _ => throw new CliException($"data.layout: {source} holds inputs {x.Shape}, not images; expected [m, C, H, W] or [m, H, W] for layout image"),
        };
    }
}
