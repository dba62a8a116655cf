namespace Dendrite.Optim.Schedules;

/// <summary>Step decay: α = α0·γ^⌊t / stepSize⌋, multiplying α by γ every <see cref="StepSize"/> epochs or steps (PyTorch's StepLR).</summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates step decay.</summary>
    /// <param name="initialLearningRate">α0.</param>
    /// <param name="stepSize">The number of epochs or steps between multiplications.</param>
    /// <param name="gamma">γ in (0, 1].</param>
    public StepDecay(double initialLearningRate, int stepSize, double gamma = 0.1) : base(initialLearningRate)
    {
        RequirePositive(stepSize, nameof(stepSize));
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), $"Gamma must be in (0, 1] but is {gamma}.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The number of epochs or steps between multiplications.</summary>
    public int StepSize { get; }

    /// <summary>γ, the factor applied every <see cref="StepSize"/>.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double Compute(int t) => InitialLearningRate * Math.Pow(Gamma, t / StepSize);
}
