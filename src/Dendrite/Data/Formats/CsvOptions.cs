namespace Dendrite.Data;

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

    /// <summary>NaN and ±∞ fields (features or label): refused naming line and column (default), their rows dropped, or kept.</summary>
    public NonFiniteHandling NonFinite { get; init; } = NonFiniteHandling.Error;

    /// <summary>Element type of the features (and of regression labels): Float32 (default) or Float64.</summary>
    public DType DType { get; init; } = DType.Float32;
}
