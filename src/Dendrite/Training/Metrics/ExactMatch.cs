namespace Dendrite.Training;

/// <summary>
/// Whole-sequence accuracy: the fraction of sequences whose arg-max prediction is right at every step (steps labelled
/// <see cref="IgnoreIndex"/> are not compared). Predictions [N, T, C] and Int32 labels [N, T]; a translated date counts
/// only when all ten characters are right.
/// </summary>
public sealed class ExactMatch(int ignoreIndex = -100) : Metric
{
    private long _matched, _seen;

    /// <summary>A label that marks padding.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc/>
    public override string Name => "exact_match";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override void Reset() => (_matched, _seen) = (0, 0);

    /// <inheritdoc/>
    public override void Update(Tensor predictions, Tensor targets)
    {
        if (predictions.Rank != 3 || targets.Rank != 2 || targets.DType != DType.Int32 || predictions.Shape[0] != targets.Shape[0]
            || predictions.Shape[1] != targets.Shape[1])
            throw new ArgumentException($"exact_match expects predictions [N, T, C] and Int32 labels [N, T] but got {predictions.Shape} and {targets.DType} {targets.Shape}.");
        var predicted = predictions.ArgMax(-1).ToArray<int>();
        var labels = targets.Contiguous().ToArray<int>();
        int n = targets.Shape[0], steps = targets.Shape[1];
        for (int i = 0; i < n; i++)
        {
            bool all = true;
            for (int t = 0; t < steps && all; t++)
            {
                int label = labels[i * steps + t];
                all = label == IgnoreIndex || predicted[i * steps + t] == label;
            }
            _matched += all ? 1 : 0;
        }
        _seen += n;
    }

    /// <inheritdoc/>
    public override double Result() => _seen == 0 ? 0 : (double)_matched / _seen;
}
