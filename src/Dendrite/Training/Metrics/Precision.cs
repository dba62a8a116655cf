namespace Dendrite.Training;

/// <summary>Precision = TP / (TP + FP): of the examples predicted positive, the fraction that are.</summary>
/// <remarks>0 when nothing is predicted positive (scikit-learn's zero_division=0). See <see cref="AveragedMetric"/>.</remarks>
/// <param name="average">How per-class scores are combined.</param>
/// <param name="positiveClass">The class scored by <see cref="Average.Binary"/>.</param>
/// <param name="threshold">Binary decision threshold on the probability.</param>
/// <param name="fromLogits">Binary predictions are logits.</param>
public sealed class Precision(Average average = Average.Binary, int positiveClass = 1, double threshold = 0.5, bool fromLogits = false)
    : AveragedMetric(average, positiveClass, threshold, fromLogits)
{
    /// <inheritdoc />
    protected override string BaseName => "precision";

    /// <inheritdoc />
    protected override double Score(long truePositives, long falsePositives, long falseNegatives) =>
        Ratio(truePositives, truePositives + falsePositives);
}
