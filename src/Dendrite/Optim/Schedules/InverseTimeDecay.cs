namespace Dendrite.Optim.Schedules;

/// <summary>Inverse-time decay: α = α0 / (1 + decayRate·⌊t / interval⌋).</summary>
/// <remarks>
/// With interval 1 this is the course's <c>update_lr</c>, α = α0 / (1 + decayRate·epochNum); with a larger interval,
/// its <c>schedule_lr_decay</c>, which lowers α only every <c>timeInterval</c> epochs (the course uses 1000).
/// </remarks>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates inverse-time decay.</summary>
    /// <param name="initialLearningRate">α0.</param>
    /// <param name="decayRate">decayRate ≥ 0.</param>
    /// <param name="interval">α changes once every <paramref name="interval"/> epochs or steps.</param>
    public InverseTimeDecay(double initialLearningRate, double decayRate, int interval = 1) : base(initialLearningRate)
    {
        if (!(decayRate >= 0)) throw new ArgumentOutOfRangeException(nameof(decayRate), $"Decay rate must be non-negative but is {decayRate}.");
        RequirePositive(interval, nameof(interval));
        DecayRate = decayRate;
        Interval = interval;
    }

    /// <summary>decayRate.</summary>
    public double DecayRate { get; }

    /// <summary>The number of epochs or steps between changes.</summary>
    public int Interval { get; }

    /// <inheritdoc/>
    protected override double Compute(int t) => InitialLearningRate / (1 + DecayRate * (t / Interval));
}
