namespace Dendrite.Cli.Specs;

/// <summary>A data set as read or generated, before splitting: examples as rows.</summary>
/// <param name="X">Inputs [m, …] in the run's dtype.</param>
/// <param name="Y">Targets: float [m, 1] (binary or regression), Int32 [m] (classes) or [m, T] (sequences), or boxes [m, B, 5].</param>
/// <param name="TestX">The data set's own test inputs, if it has a test set.</param>
/// <param name="TestY">The data set's own test targets.</param>
/// <param name="ClassNames">Names of the classes by label, when known.</param>
/// <param name="Regression">Targets are real values rather than labels.</param>
internal sealed record LoadedData(Tensor X, Tensor Y, Tensor? TestX, Tensor? TestY, IReadOnlyList<string>? ClassNames, bool Regression)
{
    /// <summary>The symbols of Int32 inputs by index, when they differ from the class names (the source side of a translation).</summary>
    public IReadOnlyList<string>? InputVocabulary { get; init; }

    /// <summary>The targets are boxes [m, B, 5] (class, x1, y1, x2, y2; class −1 pads) for a detector.</summary>
    public bool Boxes { get; init; }
}
