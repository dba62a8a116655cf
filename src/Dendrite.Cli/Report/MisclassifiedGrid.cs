using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Training;

namespace Dendrite.Cli.Report;

/// <summary>The worst misclassified images of an image classifier's test (else dev) split, as a PNG grid with a caption per image.</summary>
/// <param name="Png">The grid, worst first, eight to a row.</param>
/// <param name="Captions">"true → predicted" per image, in grid order.</param>
/// <param name="Split">test or dev.</param>
/// <param name="Errors">Misclassified examples in the split.</param>
/// <param name="Total">Examples in the split.</param>
internal sealed record MisclassifiedGrid(byte[] Png, IReadOnlyList<string> Captions, string Split, int Errors, int Total)
{
    /// <summary>Images drawn at most.</summary>
    public const int Shown = 32;

    /// <summary>The grid, or null when the run is not an image classifier with a test or dev split, or makes no mistake there.</summary>
    public static MisclassifiedGrid? Of(RunSetup setup)
    {
        if (!ImageGrid.CanDraw(setup.InputShape) || setup.OutputKind is OutputKind.Regression or OutputKind.SequenceLogits or OutputKind.PixelLogits) return null;
        var (split, data) = setup.Test is { } test ? ("test", test) : setup.Dev is { } dev ? ("dev", dev) : ("", null!);
        if (data is null) return null;
        var (probabilities, labels) = ClassProbabilities.Of(setup, data);
        var errors = ErrorAnalysis.Misclassified(probabilities, labels);
        if (errors.Count == 0) return null;
        var shown = errors.Take(Shown).ToArray();
        string Name(int c) => setup.ClassNames is { } names && c < names.Count ? names[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new MisclassifiedGrid(ImageGrid.Of(data, [.. shown.Select(e => e.Index)], setup.InputShape), [.. shown.Select(e => $"{Name(e.Label)} → {Name(e.Predicted)}")],
            split, errors.Count, labels.Length);
    }
}
