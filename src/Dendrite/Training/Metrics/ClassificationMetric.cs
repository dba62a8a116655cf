namespace Dendrite.Training;

/// <summary>A classification metric computed from an accumulated <see cref="ConfusionMatrix"/>.</summary>
public abstract class ClassificationMetric : Metric
{
    /// <summary>Creates the metric with an empty confusion matrix.</summary>
    /// <param name="threshold">Binary decision threshold on the probability.</param>
    /// <param name="fromLogits">Binary predictions are logits z (predict 1 where σ(z) &gt; threshold).</param>
    protected ClassificationMetric(double threshold, bool fromLogits) =>
        Matrix = new ConfusionMatrix(threshold: threshold, fromLogits: fromLogits);

    /// <summary>The counts accumulated since the last reset.</summary>
    public ConfusionMatrix Matrix { get; }

    /// <inheritdoc />
    public override bool HigherIsBetter => true;

    /// <inheritdoc />
    public override void Reset() => Matrix.Reset();

    /// <inheritdoc />
    public override void Update(Tensor predictions, Tensor targets) => Matrix.Update(predictions, targets);
}
