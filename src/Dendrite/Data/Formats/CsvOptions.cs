namespace Dendrite.Data;

/// <summary>How a CSV file begins.</summary>
public enum CsvHeader
{
    /// <summary>Detect: a scikit-learn count line (see <see cref="Sklearn"/>) and/or a line of column names that are not all numbers.</summary>
    Auto,

    /// <summary>The first line names the columns.</summary>
    Present,

    /// <summary>Every line is data; columns are named <c>column 1</c>, <c>column 2</c>, ….</summary>
    Absent,

    /// <summary>
    /// scikit-learn's bundled layout: a first line <c>n_samples,n_features,…</c> (class names or blanks after), then
    /// optionally a line of column names (detected), then the rows. The counts are checked against the rows.
    /// </summary>
    Sklearn,
}

/// <summary>Options of <see cref="Csv.Read"/>; the defaults read a comma-separated file whose last column is a regression target.</summary>
public sealed record CsvOptions
{
    /// <summary>How the file begins; <see cref="CsvHeader.Auto"/> by default.</summary>
    public CsvHeader Header { get; init; } = CsvHeader.Auto;

    /// <summary>Name of the label column (needs a header); when set it takes precedence over <see cref="LabelIndex"/>.</summary>
    public string? LabelName { get; init; }

    /// <summary>Index of the label column, counting from 0, or from the end when negative (−1, the default, is the last).</summary>
    public int LabelIndex { get; init; } = -1;

    /// <summary>Labels are class indices: returned as Int32 [m] (each must be a non-negative integer) rather than float [m, 1].</summary>
    public bool Classification { get; init; }

    /// <summary>The field separator; ',' by default.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Element type of the features (and of regression labels): Float32 (default) or Float64.</summary>
    public DType DType { get; init; } = DType.Float32;
}

/// <summary>A table read by <see cref="Csv.Read"/>: features X [m, n] and labels Y (float [m, 1], or Int32 [m] for classification).</summary>
/// <param name="X">The features, one row per example.</param>
/// <param name="Y">The labels.</param>
/// <param name="FeatureNames">The names of the n feature columns, in order (from the header, or <c>column k</c>).</param>
/// <param name="LabelName">The name of the label column.</param>
public sealed record CsvTable(Tensor X, Tensor Y, IReadOnlyList<string> FeatureNames, string LabelName);
