namespace Dendrite.Cli.Specs;

/// <summary>A data set as read or generated, before splitting: examples as rows.</summary>
/// <param name="X">Inputs [m, …] in the run's dtype.</param>
/// <param name="Y">Targets: float [m, 1] (binary or regression) or Int32 [m] (classes).</param>
/// <param name="TestX">The data set's own test inputs, if it has a test set.</param>
/// <param name="TestY">The data set's own test targets.</param>
/// <param name="ClassNames">Names of the classes by label, when known.</param>
/// <param name="Regression">Targets are real values rather than labels.</param>
internal sealed record LoadedData(Tensor X, Tensor Y, Tensor? TestX, Tensor? TestY, IReadOnlyList<string>? ClassNames, bool Regression)
{
    /// <summary>The symbols of Int32 inputs by index, when they differ from the class names (the source side of a translation).</summary>
    public IReadOnlyList<string>? InputVocabulary { get; init; }
}
