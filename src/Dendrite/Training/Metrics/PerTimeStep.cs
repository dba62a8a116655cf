namespace Dendrite.Training;

/// <summary>
/// A classification metric over every time step of a sequence: predictions [N, T, C] and labels [N, T] are seen by
/// <see cref="Inner"/> as N·T examples (steps labelled <see cref="IgnoreIndex"/> are left out).
/// </summary>
public sealed class PerTimeStep(Metric inner, int ignoreIndex = -100) : Metric
{
    /// <summary>The metric computed over the steps.</summary>
    public Metric Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>A label that marks padding.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc/>
    public override string Name => Inner.Name;

    /// <inheritdoc/>
    public override bool HigherIsBetter => Inner.HigherIsBetter;

    /// <inheritdoc/>
    public override void Reset() => Inner.Reset();

    /// <inheritdoc/>
    public override void Update(Tensor predictions, Tensor targets)
    {
        if (predictions.Rank != targets.Rank + 1 || targets.DType != DType.Int32)
            throw new ArgumentException($"{Name} per time step expects predictions [*, C] and Int32 labels [*] but got {predictions.Shape} and {targets.Shape}.");
        int classes = predictions.Shape[predictions.Rank - 1];
        var flat = predictions.Reshape(-1, classes);
        var labels = targets.Contiguous().ToArray<int>();
        var kept = Enumerable.Range(0, labels.Length).Where(i => labels[i] != IgnoreIndex).ToArray();
        if (kept.Length == labels.Length) Inner.Update(flat, Tensor.FromArray(labels, [labels.Length]));
        else if (kept.Length > 0) Inner.Update(flat.SelectRows(kept), Tensor.FromArray([.. kept.Select(i => labels[i])], [kept.Length]));
    }

    /// <inheritdoc/>
    public override double Result() => Inner.Result();
}
