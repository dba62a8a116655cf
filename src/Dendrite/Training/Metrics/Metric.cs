namespace Dendrite.Training;

/// <summary>
/// A quantity accumulated over mini-batches and read at the end of an epoch: <see cref="Reset"/>, then
/// <see cref="Update"/> once per batch, then <see cref="Result"/>.
/// </summary>
/// <remarks>
/// The course (Structuring ML Projects) asks for a <b>single-number evaluation metric</b>: one value that ranks
/// models, so that each idea is judged by a glance at the dev set. When several things matter, pick one
/// <b>optimizing metric</b> to make as good as possible and make the rest <b>satisficing metrics</b> that only
/// have to clear a threshold (accuracy optimized, running time ≤ 100 ms satisficed); see
/// <see cref="ModelSelection"/>. Accumulating sufficient statistics (counts, sums) rather than averaging
/// per-batch values makes the result independent of how the data was split into batches.
/// </remarks>
public abstract class Metric
{
    /// <summary>Short name used in logs and by <see cref="Metrics.Create"/>, e.g. <c>"f1_macro"</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True when a larger result is better (accuracy), false when smaller is better (log loss).</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>Forgets everything accumulated so far, e.g. at the start of an epoch.</summary>
    public abstract void Reset();

    /// <summary>Adds one batch of predictions and targets to the running statistics.</summary>
    public abstract void Update(Tensor predictions, Tensor targets);

    /// <summary>The metric over everything seen since the last <see cref="Reset"/> (0 when nothing was seen).</summary>
    public abstract double Result();

    /// <summary>One-shot evaluation: resets, updates with the whole set, and returns the result.</summary>
    public double Compute(Tensor predictions, Tensor targets)
    {
        Reset();
        Update(predictions, targets);
        return Result();
    }

    /// <summary>True when <paramref name="candidate"/> is a better value of this metric than <paramref name="incumbent"/>.</summary>
    public bool IsBetter(double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (HigherIsBetter ? candidate > incumbent : candidate < incumbent));

    /// <summary>The name and the current result, e.g. <c>accuracy = 0.9123</c>.</summary>
    public override string ToString() => $"{Name} = {Result():0.####}";
}
