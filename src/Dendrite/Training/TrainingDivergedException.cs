namespace Dendrite.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> when training diverges: the loss of a batch is NaN or ±∞, or a parameter is after
/// an epoch. The epoch's end callbacks do not run, so no checkpoint of the diverged model is written. Also thrown by
/// <see cref="GradientDescent.Fit"/> when an iteration's cost is NaN or ±∞ (<see cref="Epoch"/> is then the iteration).
/// </summary>
/// <param name="message">What diverged, where, and what to try.</param>
/// <param name="epoch">The 0-based epoch in which it happened.</param>
public sealed class TrainingDivergedException(string message, int epoch) : InvalidOperationException(message)
{
    /// <summary>The 0-based epoch (for <see cref="GradientDescent.Fit"/>, iteration) in which training diverged.</summary>
    public int Epoch { get; } = epoch;
}
