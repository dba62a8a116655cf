namespace Dendrite.Optim.Schedules;

/// <summary>Cosine annealing: α = αmin + (α0 − αmin)·(1 + cos(π·t / T)) / 2 for t ≤ T, then αmin.</summary>
/// <remarks>
/// Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017 (one period, no restart).
/// PyTorch's CosineAnnealingLR has the same formula but lets α rise again after T; here it stays at αmin.
/// </remarks>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Creates cosine annealing.</summary>
    /// <param name="initialLearningRate">α0.</param>
    /// <param name="period">T, the epoch or step at which α reaches αmin.</param>
    /// <param name="minimum">αmin in [0, α0].</param>
    public CosineAnnealing(double initialLearningRate, int period, double minimum = 0) : base(initialLearningRate)
    {
        RequirePositive(period, nameof(period));
        if (!(minimum >= 0 && minimum <= initialLearningRate))
            throw new ArgumentOutOfRangeException(nameof(minimum), $"Minimum must be in [0, {initialLearningRate}] but is {minimum}.");
        Period = period;
        Minimum = minimum;
    }

    /// <summary>T.</summary>
    public int Period { get; }

    /// <summary>αmin.</summary>
    public double Minimum { get; }

    /// <inheritdoc/>
    protected override double Compute(int t) =>
        t >= Period ? Minimum : Minimum + (InitialLearningRate - Minimum) * (1 + Math.Cos(Math.PI * t / Period)) / 2;
}
