namespace Dendrite.Training;

/// <summary>
/// F1 score, the harmonic mean of precision P and recall R: 2 / (1/P + 1/R) = 2·TP / (2·TP + FP + FN).
/// </summary>
/// <remarks>
/// The course's example of a single-number evaluation metric that combines two. Written with counts it is
/// defined whenever there is any positive example or prediction, and 0 otherwise. Macro F1 is the mean of
/// per-class F1 (not the F1 of macro P and R), as in scikit-learn. See <see cref="AveragedMetric"/>.
/// </remarks>
/// <param name="average">How per-class scores are combined.</param>
/// <param name="positiveClass">The class scored by <see cref="Average.Binary"/>.</param>
/// <param name="threshold">Binary decision threshold on the probability.</param>
/// <param name="fromLogits">Binary predictions are logits.</param>
public sealed class F1(Average average = Average.Binary, int positiveClass = 1, double threshold = 0.5, bool fromLogits = false)
    : AveragedMetric(average, positiveClass, threshold, fromLogits)
{
    /// <inheritdoc />
    protected override string BaseName => "f1";

    /// <inheritdoc />
    protected override double Score(long truePositives, long falsePositives, long falseNegatives) =>
        Ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
}
