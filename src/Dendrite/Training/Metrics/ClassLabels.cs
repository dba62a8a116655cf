namespace Dendrite.Training;

/// <summary>
/// Turns a batch of predictions and targets into predicted and true class indices, the common input of the
/// classification metrics.
/// </summary>
/// <remarks>
/// Predictions of shape [N] or [N, 1] are <b>binary</b>: a probability of class 1 (or a logit when
/// <c>fromLogits</c>), predicted 1 when it exceeds the threshold; targets are N values, 1 where &gt; 0.5.
/// Predictions [N, C] with C ≥ 2 are <b>multi-class</b> scores (probabilities or logits alike), predicted by
/// arg-max; targets are N Int32 labels in [0, C) or an [N, C] one-hot (arg-max taken).
/// </remarks>
internal static class ClassLabels
{
    /// <summary>True when <paramref name="predictions"/> hold one score per example (binary classification).</summary>
    public static bool IsBinary(Tensor predictions) =>
        predictions.Rank <= 1 || predictions.Shape[-1] == 1;

    /// <summary>Number of classes the predictions describe: 2 for binary, C for [N, C].</summary>
    public static int Classes(Tensor predictions) => IsBinary(predictions) ? 2 : predictions.Shape[-1];

    /// <summary>Predicted and true class indices for one batch.</summary>
    public static (int[] Predicted, int[] Actual) Decode(string metric, Tensor predictions, Tensor targets,
        double threshold, bool fromLogits)
    {
        if (IsBinary(predictions))
        {
            var p = predictions.ToArray<double>();
            var y = targets.ToArray<double>();
            if (p.Length != y.Length)
                throw new ArgumentException($"{metric}: binary predictions {predictions.Shape} and targets {targets.Shape} differ in size.");
            // σ(z) > t ⇔ z > logit(t), so logits need no sigmoid.
            double cut = fromLogits ? Math.Log(threshold / (1 - threshold)) : threshold;
            var predicted = new int[p.Length];
            var actual = new int[y.Length];
            for (int i = 0; i < p.Length; i++)
            {
                predicted[i] = p[i] > cut ? 1 : 0;
                actual[i] = y[i] > 0.5 ? 1 : 0;
            }
            return (predicted, actual);
        }
        int classes = predictions.Shape[-1];
        int n = predictions.Count / classes;
        var pred = predictions.Detach().Reshape(n, classes).ArgMax(-1).ToArray<int>();
        return (pred, TrueClasses(metric, predictions.Shape, targets, n, classes));
    }

    /// <summary>True class indices from Int32 labels [N] or a one-hot [N, C].</summary>
    public static int[] TrueClasses(string metric, Shape predictionShape, Tensor targets, int n, int classes)
    {
        int[] labels;
        if (targets.Count == n)
            labels = targets.ToArray<int>();
        else if (targets.Count == n * classes)
            labels = targets.Detach().Reshape(n, classes).ArgMax(-1).ToArray<int>();
        else
            throw new ArgumentException($"{metric}: predictions {predictionShape} need {n} labels or an [{n}, {classes}] one-hot, but targets are {targets.Shape}.");
        foreach (int c in labels)
            if ((uint)c >= (uint)classes)
                throw new ArgumentException($"{metric}: label {c} is outside [0, {classes}) for predictions {predictionShape}.");
        return labels;
    }
}
