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
