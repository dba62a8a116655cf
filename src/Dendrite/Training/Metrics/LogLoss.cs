namespace Dendrite.Training;

/// <summary>
/// Mean cross-entropy of predicted probabilities: binary −[y·ln p + (1 − y)·ln(1 − p)], or categorical
/// −Σ_c y_c·ln p_c, with p clamped to [ε, 1 − ε] so a confident mistake costs a large finite amount.
/// </summary>
/// <remarks>
/// Predictions [N] or [N, 1] are probabilities of class 1 against 0/1 targets; [N, C] are class probabilities
/// against Int32 labels [N] or one-hot (or soft) targets [N, C]. With <c>fromLogits</c> the sigmoid or softmax is
/// applied first. The default ε is the machine epsilon of the predictions' dtype (2⁻²³ for float32, 2⁻⁵² for
/// float64), scikit-learn's <c>log_loss(eps="auto")</c>; its older default was 1e-15. Sums are accumulated, so the
/// result does not depend on the batch split.
/// </remarks>
/// <param name="fromLogits">Predictions are logits rather than probabilities.</param>
/// <param name="epsilon">Clamp for probabilities; null picks the machine epsilon of the predictions' dtype.</param>
public sealed class LogLoss(bool fromLogits = false, double? epsilon = null) : Metric
{
    private double _sum;
    private long _count;

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>The clamp ε, or null for the machine epsilon of the predictions' dtype.</summary>
    public double? Epsilon { get; } = epsilon is null or (> 0 and < 0.5)
        ? epsilon
        : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must lie in (0, 0.5).");

    /// <inheritdoc />
    public override string Name => "log_loss";

    /// <inheritdoc />
    public override bool HigherIsBetter => false;

    /// <inheritdoc />
    public override void Reset() => (_sum, _count) = (0, 0);

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : _sum / _count;

    /// <inheritdoc />
    public override void Update(Tensor predictions, Tensor targets)
    {
        double eps = Epsilon ?? (predictions.DType == DType.Float32 ? MathF.BitIncrement(1f) - 1f : Math.BitIncrement(1.0) - 1.0);
        var p = predictions.ToArray<double>();
        if (ClassLabels.IsBinary(predictions))
        {
            var y = targets.ToArray<double>();
            if (p.Length != y.Length)
                throw new ArgumentException($"{Name}: binary predictions {predictions.Shape} and targets {targets.Shape} differ in size.");
            for (int i = 0; i < p.Length; i++)
            {
                double q = Math.Clamp(FromLogits ? 1 / (1 + Math.Exp(-p[i])) : p[i], eps, 1 - eps);
                _sum -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
            }
            _count += p.Length;
            return;
        }
        int classes = predictions.Shape[-1];
        int n = p.Length / classes;
        if (FromLogits) SoftmaxRows(p, classes);
        if (targets.Count == n)
        {
            var labels = ClassLabels.TrueClasses(Name, predictions.Shape, targets, n, classes);
            for (int i = 0; i < n; i++) _sum -= Math.Log(Math.Clamp(p[i * classes + labels[i]], eps, 1 - eps));
        }
        else if (targets.Count == p.Length)
        {
            var y = targets.ToArray<double>();
            for (int i = 0; i < p.Length; i++)
                if (y[i] != 0) _sum -= y[i] * Math.Log(Math.Clamp(p[i], eps, 1 - eps));
        }
        else
            throw new ArgumentException($"{Name}: predictions {predictions.Shape} need {n} labels or [{n}, {classes}] targets, but targets are {targets.Shape}.");
        _count += n;
    }

    private static void SoftmaxRows(double[] z, int classes)
    {
        for (int r = 0; r < z.Length; r += classes)
        {
            var row = z.AsSpan(r, classes);
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += row[c] = Math.Exp(row[c] - max);
            for (int c = 0; c < classes; c++) row[c] /= sum;
        }
    }
}
