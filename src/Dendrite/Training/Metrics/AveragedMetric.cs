namespace Dendrite.Training;

/// <summary>
/// Base of precision, recall and F1: a per-class score from true positives, false positives and false negatives,
/// combined over classes by an <see cref="Training.Average"/>.
/// </summary>
/// <remarks>
/// As scikit-learn with <c>zero_division=0</c>, a score whose denominator is zero is 0, never NaN. The macro
/// average runs over the classes that occur among the targets or the predictions, as scikit-learn's does when
/// no label list is given. With <see cref="Average.Binary"/> on multi-class scores the positive class is scored
/// against the rest.
/// </remarks>
public abstract class AveragedMetric : ClassificationMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="average">How per-class scores are combined.</param>
    /// <param name="positiveClass">The class scored by <see cref="Average.Binary"/>.</param>
    /// <param name="threshold">Binary decision threshold on the probability.</param>
    /// <param name="fromLogits">Binary predictions are logits.</param>
    protected AveragedMetric(Average average, int positiveClass, double threshold, bool fromLogits)
        : base(threshold, fromLogits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positiveClass);
        Average = average;
        PositiveClass = positiveClass;
    }

    /// <summary>How per-class scores are combined.</summary>
    public Average Average { get; }

    /// <summary>The class scored by <see cref="Average.Binary"/>.</summary>
    public int PositiveClass { get; }

    /// <summary>The base name, e.g. <c>"precision"</c>; <see cref="Name"/> appends <c>_macro</c> or <c>_micro</c>.</summary>
    protected abstract string BaseName { get; }

    /// <inheritdoc />
    public override string Name => Average switch
    {
        Average.Macro => BaseName + "_macro",
        Average.Micro => BaseName + "_micro",
        _ => BaseName,
    };

    /// <summary>The score from true positives, false positives and false negatives (0 when undefined).</summary>
    protected abstract double Score(long truePositives, long falsePositives, long falseNegatives);

    /// <summary>Numerator / denominator, or 0 when the denominator is 0 (scikit-learn's zero_division=0).</summary>
    protected static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    /// <inheritdoc />
    public override double Result()
    {
        var m = Matrix;
        switch (Average)
        {
            case Average.Binary:
                if (m.Classes == 0) return 0;
                if (PositiveClass >= m.Classes)
                    throw new InvalidOperationException($"{Name}: positive class {PositiveClass} is outside the {m.Classes} classes.");
                return Score(m.TruePositives(PositiveClass), m.FalsePositives(PositiveClass), m.FalseNegatives(PositiveClass));
            case Average.Micro:
                long tp = 0, fp = 0, fn = 0;
                for (int c = 0; c < m.Classes; c++)
                {
                    tp += m.TruePositives(c);
                    fp += m.FalsePositives(c);
                    fn += m.FalseNegatives(c);
                }
                return Score(tp, fp, fn);
            default:
                double sum = 0;
                int present = 0;
                for (int c = 0; c < m.Classes; c++)
                {
                    if (m.Actual(c) + m.Predicted(c) == 0) continue;
                    sum += Score(m.TruePositives(c), m.FalsePositives(c), m.FalseNegatives(c));
                    present++;
                }
                return present == 0 ? 0 : sum / present;
        }
    }
}
