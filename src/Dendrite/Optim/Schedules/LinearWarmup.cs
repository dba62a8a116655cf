namespace Dendrite.Optim.Schedules;

/// <summary>Linear warm-up in front of another schedule: α = α0·(t + 1) / W for t &lt; W, then inner(t − W).</summary>
/// <remarks>
/// Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017. α rises in W equal steps to
/// the inner schedule's α0, reached at t = W − 1; the inner schedule then starts from its own t = 0.
/// W is usually counted in optimizer steps.
/// </remarks>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>Creates a warm-up of <paramref name="warmupLength"/> epochs or steps before <paramref name="inner"/>.</summary>
    /// <param name="inner">The schedule that follows; its α0 is the target of the warm-up.</param>
    /// <param name="warmupLength">W.</param>
    public LinearWarmup(LearningRateSchedule inner, int warmupLength) : base(inner.InitialLearningRate)
    {
        RequirePositive(warmupLength, nameof(warmupLength));
        Inner = inner;
        WarmupLength = warmupLength;
    }

    /// <summary>The schedule after the warm-up.</summary>
    public LearningRateSchedule Inner { get; }

    /// <summary>W.</summary>
    public int WarmupLength { get; }

    /// <inheritdoc/>
    protected override double Compute(int t) =>
        t < WarmupLength ? InitialLearningRate * (t + 1) / WarmupLength : Inner.LearningRate(t - WarmupLength);
}
