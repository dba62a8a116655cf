namespace Dendrite.Optim.Schedules;

/// <summary>Exponential decay: α = α0·baseᵗ (the course's α = 0.95^epochNum·α0 by default).</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates exponential decay.</summary>
    /// <param name="initialLearningRate">α0.</param>
    /// <param name="base">The factor per epoch or step, in (0, 1].</param>
    public ExponentialDecay(double initialLearningRate, double @base = 0.95) : base(initialLearningRate)
    {
        if (!(@base > 0 && @base <= 1)) throw new ArgumentOutOfRangeException(nameof(@base), $"Base must be in (0, 1] but is {@base}.");
        Base = @base;
    }

    /// <summary>The factor per epoch or step.</summary>
    public double Base { get; }

    /// <inheritdoc/>
    protected override double Compute(int t) => InitialLearningRate * Math.Pow(Base, t);
}
