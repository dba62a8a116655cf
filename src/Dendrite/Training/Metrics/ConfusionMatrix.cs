using System.Globalization;
using System.Text;

namespace Dendrite.Training;

/// <summary>
/// Counts of (true class, predicted class) pairs accumulated over batches: <c>Counts[t, p]</c> is the number of
/// examples of class t predicted as p, so rows are true classes and columns predictions.
/// </summary>
/// <remarks>
/// The result is the accuracy, trace / total. Predictions and targets are read as described for
/// <see cref="Accuracy"/>: [N] or [N, 1] probabilities (logits with <c>fromLogits</c>) for binary problems,
/// [N, C] scores against Int32 labels or one-hot targets otherwise. The number of classes is fixed by the first
/// batch unless given.
/// </remarks>
public sealed class ConfusionMatrix : Metric
{
    private readonly string[]? _classNames;
    private long[,] _counts;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="classes">Number of classes; 0 takes it from the first batch (2 for binary predictions).</param>
    /// <param name="threshold">Binary decision threshold on the probability.</param>
    /// <param name="fromLogits">Binary predictions are logits z (predict 1 where σ(z) &gt; threshold).</param>
    /// <param name="classNames">Optional row and column labels for <see cref="ToString"/>.</param>
    public ConfusionMatrix(int classes = 0, double threshold = 0.5, bool fromLogits = false, IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        if (threshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must lie in (0, 1).");
        if (classNames is not null && classes != 0 && classNames.Count != classes)
            throw new ArgumentException($"ConfusionMatrix: {classNames.Count} class names for {classes} classes.");
        Classes = classes != 0 ? classes : classNames?.Count ?? 0;
        Threshold = threshold;
        FromLogits = fromLogits;
        _classNames = classNames?.ToArray();
        _counts = new long[Classes, Classes];
    }

    /// <inheritdoc />
    public override string Name => "confusion_matrix";

    /// <inheritdoc />
    public override bool HigherIsBetter => true;

    /// <summary>Number of classes (0 until the first batch when not given).</summary>
    public int Classes { get; private set; }

    /// <summary>Binary decision threshold on the probability.</summary>
    public double Threshold { get; }

    /// <summary>Whether binary predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Number of examples counted.</summary>
    public long Total { get; private set; }

    /// <summary>The counts [classes, classes], rows = true class, columns = predicted class (a copy).</summary>
    public long[,] Counts => (long[,])_counts.Clone();

    /// <summary>Examples of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <inheritdoc />
    public override void Reset()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <inheritdoc />
    public override void Update(Tensor predictions, Tensor targets)
    {
        int classes = ClassLabels.Classes(predictions);
        if (Classes == 0)
        {
            Classes = classes;
            _counts = new long[classes, classes];
        }
        else if (classes != Classes)
            throw new ArgumentException($"ConfusionMatrix has {Classes} classes but predictions {predictions.Shape} describe {classes}.");
        var (predicted, actual) = ClassLabels.Decode(Name, predictions, targets, Threshold, FromLogits);
        Add(actual, predicted);
    }

    /// <summary>Counts pairs of true and predicted class indices directly.</summary>
    public void Add(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"ConfusionMatrix: {actual.Length} true classes but {predicted.Length} predictions.");
        for (int i = 0; i < actual.Length; i++)
        {
            if ((uint)actual[i] >= (uint)Classes || (uint)predicted[i] >= (uint)Classes)
                throw new ArgumentException($"ConfusionMatrix: pair ({actual[i]}, {predicted[i]}) is outside [0, {Classes}).");
            _counts[actual[i], predicted[i]]++;
        }
        Total += actual.Length;
    }

    /// <summary>Examples of class c predicted as c.</summary>
    public long TruePositives(int c) => _counts[c, c];

    /// <summary>Examples of another class predicted as c (column sum minus the diagonal).</summary>
    public long FalsePositives(int c) => Predicted(c) - _counts[c, c];

    /// <summary>Examples of class c predicted as another class (row sum minus the diagonal).</summary>
    public long FalseNegatives(int c) => Actual(c) - _counts[c, c];

    /// <summary>Number of examples whose true class is c (row sum).</summary>
    public long Actual(int c)
    {
        long s = 0;
        for (int p = 0; p < Classes; p++) s += _counts[c, p];
        return s;
    }

    /// <summary>Number of examples predicted as class c (column sum).</summary>
    public long Predicted(int c)
    {
        long s = 0;
        for (int t = 0; t < Classes; t++) s += _counts[t, c];
        return s;
    }

    /// <summary>Accuracy: the fraction of examples on the diagonal (0 when empty).</summary>
    public override double Result()
    {
        long correct = 0;
        for (int c = 0; c < Classes; c++) correct += _counts[c, c];
        return Total == 0 ? 0 : (double)correct / Total;
    }

    /// <summary>The matrix as a table, true classes down and predicted classes across.</summary>
    public override string ToString()
    {
        var labels = Enumerable.Range(0, Classes).Select(c => _classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture)).ToArray();
        const string corner = "true \\ pred";
        int width = labels.Select(l => l.Length).Append(1).Max();
        for (int t = 0; t < Classes; t++)
            for (int p = 0; p < Classes; p++)
                width = Math.Max(width, _counts[t, p].ToString(CultureInfo.InvariantCulture).Length);
        int first = Math.Max(corner.Length, labels.Select(l => l.Length).Append(0).Max());
        var sb = new StringBuilder();
        sb.Append(corner.PadLeft(first));
        foreach (var l in labels) sb.Append("  ").Append(l.PadLeft(width));
        for (int t = 0; t < Classes; t++)
        {
            sb.AppendLine().Append(labels[t].PadLeft(first));
            for (int p = 0; p < Classes; p++)
                sb.Append("  ").Append(_counts[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }
        return sb.ToString();
    }
}
