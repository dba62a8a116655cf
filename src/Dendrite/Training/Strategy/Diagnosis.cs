using System.Globalization;
using System.Text;

namespace Dendrite.Training;

/// <summary>
/// Course 3's bias / variance / data-mismatch analysis of a model's errors: from human-level (the proxy for Bayes
/// error), training, train-dev, dev and test errors, the gaps between neighbours, the largest of them, and the course's
/// remedies for it. Errors are fractions (0.08 for 8%).
/// </summary>
/// <remarks>
/// <para>avoidable bias = train − human; variance = train-dev − train; data mismatch = dev − train-dev;
/// overfitting to dev = test − dev. Without a train-dev error, train and dev are assumed to share a distribution and
/// variance is dev − train (the course's first lectures); without a human-level error there is no avoidable bias.</para>
/// <para>The lecture's cases: human 1%, train 8%, dev 10% → avoidable bias 7 points, variance 2: reduce bias. Human
/// 7.5% with the same errors → avoidable bias 0.5, variance 2: reduce variance. Human 0%, train 1%, train-dev 1.5%,
/// dev 10% → data mismatch 8.5 points.</para>
/// </remarks>
public sealed record Diagnosis(double TrainError, double DevError, double? HumanError = null, double? TrainDevError = null, double? TestError = null)
{
    /// <summary>Training error − human-level error, or null without a human level.</summary>
    public double? AvoidableBias => HumanError is double human ? TrainError - human : null;

    /// <summary>Train-dev error − training error (dev − train without a train-dev error).</summary>
    public double Variance => (TrainDevError ?? DevError) - TrainError;

    /// <summary>Dev error − train-dev error, or null without a train-dev error.</summary>
    public double? DataMismatch => TrainDevError is double trainDev ? DevError - trainDev : null;

    /// <summary>Test error − dev error, or null without a test error.</summary>
    public double? OverfittingToDev => TestError is double test ? test - DevError : null;

    /// <summary>Every gap that can be computed, in the course's order.</summary>
    public IReadOnlyList<(Gap Gap, double Size)> Gaps =>
    [
        .. AvoidableBias is double bias ? [(Gap.AvoidableBias, bias)] : Array.Empty<(Gap, double)>(),
        (Gap.Variance, Variance),
        .. DataMismatch is double mismatch ? [(Gap.DataMismatch, mismatch)] : Array.Empty<(Gap, double)>(),
        .. OverfittingToDev is double overfit ? [(Gap.OverfittingToDev, overfit)] : Array.Empty<(Gap, double)>(),
    ];

    /// <summary>The largest gap: what to work on first (the earlier one in the course's order on a tie).</summary>
    public Gap Largest => Gaps.Aggregate((best, g) => g.Size > best.Size ? g : best).Gap;

    /// <summary>The course's remedies for a gap.</summary>
    public static IReadOnlyList<string> Remedies(Gap gap) => gap switch
    {
        Gap.AvoidableBias => ["train a bigger model", "train longer or with a better optimizer (momentum, RMSprop, Adam)",
                              "search for a better architecture or hyperparameters", "reduce regularization"],
        Gap.Variance => ["get more training data", "regularize (L2, dropout, data augmentation)",
                         "search for a better architecture or hyperparameters"],
        Gap.DataMismatch => ["do error analysis to see how training and dev data differ",
                             "make the training data more like dev: collect more of it, or synthesize it (artificial data synthesis)"],
        _ => ["get a bigger dev set"],
    };

    /// <summary>A short name for a gap, as the course says it.</summary>
    public static string Describe(Gap gap) => gap switch
    {
        Gap.AvoidableBias => "avoidable bias",
        Gap.Variance => "variance",
        Gap.DataMismatch => "data mismatch",
        _ => "overfitting to dev",
    };

    /// <summary>The error levels and gaps as a plain-text table, the verdict and its remedies.</summary>
    public override string ToString()
    {
        static string P(double v) => (100 * v).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        var text = new StringBuilder();
        void Row(string name, double? value, string gap = "") =>
            text.Append(name.PadRight(16)).Append((value is double v ? P(v) : "—").PadLeft(8)).Append(gap.Length > 0 ? "   " + gap : "").Append('\n');
        string G(Gap gap, double? size) => size is double s ? $"{Describe(gap)} {P(s)}" : "";
        Row("human-level", HumanError);
        Row("train", TrainError, G(Gap.AvoidableBias, AvoidableBias));
        Row("train-dev", TrainDevError, TrainDevError is null ? "" : G(Gap.Variance, Variance));
        Row("dev", DevError, TrainDevError is null ? G(Gap.Variance, Variance) : G(Gap.DataMismatch, DataMismatch));
        Row("test", TestError, G(Gap.OverfittingToDev, OverfittingToDev));
        text.Append("largest gap: ").Append(Describe(Largest)).Append('\n');
        foreach (var remedy in Remedies(Largest)) text.Append("  - ").Append(remedy).Append('\n');
        return text.ToString();
    }
}
