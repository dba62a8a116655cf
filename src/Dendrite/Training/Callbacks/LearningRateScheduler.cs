using Dendrite.Optim.Schedules;

namespace Dendrite.Training;

/// <summary>Sets the optimizer's learning rate from a schedule before each epoch, or before each step.</summary>
/// <remarks>Stateless: α is a pure function of the epoch (or step) number, which <see cref="Trainer.Resume"/> restores, so a
/// resumed run gets the same rates without anything saved for this callback.</remarks>
/// <param name="schedule">α as a function of the epoch (or step) number.</param>
/// <param name="perStep">Apply per optimizer step instead of per epoch.</param>
public sealed class LearningRateScheduler(LearningRateSchedule schedule, bool perStep = false) : ICallback
{
    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context)
    {
        if (perStep) schedule.Apply(context.Optimizer, context.Epoch * context.BatchesPerEpoch);
        else schedule.Apply(context.Optimizer, context.Epoch);
    }

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        if (perStep) schedule.Apply(context.Optimizer, context.Epoch * context.BatchesPerEpoch + batch + 1);
    }
}
