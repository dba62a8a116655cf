namespace Dendrite.Training;

/// <summary>
/// Mean intersection over union for segmentation: per class c, IoU_c = TP_c/(TP_c + FP_c + FN_c) counted over every
/// pixel seen since <see cref="Reset"/> (not per image), and the result is the mean of IoU_c over the classes,
/// background (class 0) included. A class that appears neither in the labels nor in the predictions has no IoU and
/// is left out of the mean.
/// </summary>
/// <remarks>
/// Predictions are class scores [N, C, d₁, …] (their arg-max over axis 1 is the predicted class; C gives the class
/// count) or Int32 predicted classes [N, d₁, …] (then the class count must be given); labels are Int32 [N, d₁, …].
/// Pixels labelled <see cref="IgnoreIndex"/> are not counted.
/// </remarks>
public sealed class MeanIoU(int? classes = null, int ignoreIndex = -100) : Metric
{
    private long[] _truePositives = [], _falsePositives = [], _falseNegatives = [];

    /// <summary>A label that marks pixels not to count.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc/>
    public override string Name => "mean_iou";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override void Reset() => _truePositives = _falsePositives = _falseNegatives = [];

    /// <inheritdoc/>
    public override void Update(Tensor predictions, Tensor targets)
    {
        bool scores = predictions.DType != DType.Int32;
        int count = scores ? predictions.Shape.Rank > 1 ? predictions.Shape[1] : 0 : classes ?? 0;
        if (targets.DType != DType.Int32 || (scores ? !MatchesScores(predictions.Shape, targets.Shape) : predictions.Shape != targets.Shape) || count < 1)
            throw new ArgumentException($"mean_iou expects class scores [N, C, d₁, …] (or Int32 classes [N, d₁, …] with the class count given) and Int32 labels [N, d₁, …] but got {predictions.DType} {predictions.Shape} and {targets.DType} {targets.Shape}.");
        if (_truePositives.Length == 0) (_truePositives, _falsePositives, _falseNegatives) = (new long[count], new long[count], new long[count]);
        if (_truePositives.Length != count)
            throw new ArgumentException($"mean_iou was counting {_truePositives.Length} classes but now gets {count}.");
        int[] predicted = scores ? predictions.ArgMax(1).ToArray<int>() : predictions.ToArray<int>();
        int[] labels = targets.ToArray<int>();
        for (int i = 0; i < labels.Length; i++)
        {
            int y = labels[i], p = predicted[i];
            if (y == IgnoreIndex) continue;
            if ((uint)y >= (uint)count || (uint)p >= (uint)count)
                throw new ArgumentException($"mean_iou: label {y} or prediction {p} at pixel {i} is outside [0, {count}).");
            if (y == p) _truePositives[y]++;
            else
            {
                _falseNegatives[y]++;
                _falsePositives[p]++;
            }
        }
    }

    /// <summary>IoU of each class so far (NaN for a class seen neither in the labels nor in the predictions).</summary>
    public IReadOnlyList<double> PerClass()
    {
        var iou = new double[_truePositives.Length];
        for (int c = 0; c < iou.Length; c++)
        {
            long union = _truePositives[c] + _falsePositives[c] + _falseNegatives[c];
            iou[c] = union == 0 ? double.NaN : (double)_truePositives[c] / union;
        }
        return iou;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        var present = PerClass().Where(v => !double.IsNaN(v)).ToList();
        return present.Count == 0 ? 0 : present.Average();
    }

    private static bool MatchesScores(Shape scores, Shape labels) =>
        scores.Rank == labels.Rank + 1 && scores[0] == labels[0] && scores.Dims[2..].SequenceEqual(labels.Dims[1..]);
}
