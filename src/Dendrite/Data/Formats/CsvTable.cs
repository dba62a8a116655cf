namespace Dendrite.Data;

/// <summary>A table read by <see cref="Csv.Read"/>: features X [m, n] and labels Y (float [m, 1], or Int32 [m] for classification).</summary>
/// <param name="X">The features, one row per example.</param>
/// <param name="Y">The labels.</param>
/// <param name="FeatureNames">The names of the n feature columns, in order (from the header, or <c>column k</c>).</param>
/// <param name="LabelName">The name of the label column.</param>
public sealed record CsvTable(Tensor X, Tensor Y, IReadOnlyList<string> FeatureNames, string LabelName);
