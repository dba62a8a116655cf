namespace Dendrite.Optim.Schedules;

/// <summary>A learning rate α as a function of a counter t, starting from α0 at t = 0.</summary>
/// <remarks>
/// A schedule is a pure function of t: it keeps no state, so a resumed run needs only t. Whether t counts epochs or
/// optimizer steps (mini-batches) is the caller's choice: the trainer sets <see cref="Optimizer.LearningRate"/>
/// with <see cref="Apply"/> once per epoch or once per step, and the schedule's lengths (interval, period, warm-up)
/// are in the same unit. The course decays per epoch; warm-up is usually counted in steps.
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Creates a schedule starting from α0 = <paramref name="initialLearningRate"/>.</summary>
    protected LearningRateSchedule(double initialLearningRate)
    {
        if (!(initialLearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), $"Initial learning rate must be positive but is {initialLearningRate}.");
        InitialLearningRate = initialLearningRate;
    }

    /// <summary>α0, the learning rate at t = 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>α at epoch or step <paramref name="epochOrStep"/> (0-based).</summary>
    public double LearningRate(int epochOrStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochOrStep);
        return Compute(epochOrStep);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to α at <paramref name="epochOrStep"/>.</summary>
    public void Apply(Optimizer optimizer, int epochOrStep) => optimizer.LearningRate = LearningRate(epochOrStep);

    /// <summary>α at <paramref name="t"/> ≥ 0.</summary>
    protected abstract double Compute(int t);

    internal static void RequirePositive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, $"{name} must be positive but is {value}.");
    }
}
