namespace Dendrite.Training;

/// <summary>Hooks the <see cref="Trainer"/> calls during <see cref="Trainer.Fit"/>; implement only the ones you need.</summary>
/// <remarks>Set <see cref="TrainingContext.StopTraining"/> to end training after the current epoch.</remarks>
public interface ICallback
{
    /// <summary>Before the first epoch.</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before each epoch's first batch.</summary>
    void OnEpochBegin(TrainingContext context) { }

    /// <summary>After each optimizer step, with that batch's loss.</summary>
    void OnBatchEnd(TrainingContext context, int batch, double loss) { }

    /// <summary>After each epoch, with its logged values (loss, metrics, dev_*, lr, seconds).</summary>
    void OnEpochEnd(TrainingContext context, EpochLog log) { }

    /// <summary>After the last epoch (or an early stop).</summary>
    void OnTrainEnd(TrainingContext context) { }
}
