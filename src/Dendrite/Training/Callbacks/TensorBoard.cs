using Dendrite.Serialization;

namespace Dendrite.Training;

/// <summary>
/// Logs a run for TensorBoard (<c>tensorboard --logdir FOLDER</c>) through an <see cref="EventWriter"/>: after every
/// epoch e (step e + 1, as history.csv numbers epochs) each logged value as the scalar <c>epoch/NAME</c>
/// (<c>epoch/loss</c>, <c>epoch/accuracy</c>, <c>epoch/dev_loss</c>, <c>epoch/lr</c>, <c>epoch/seconds</c>, …) and, with
/// <paramref name="histograms"/>, every parameter's values as <c>weights/NAME</c> and its gradient as
/// <c>gradients/NAME</c> (<c>weights/layer.0.weight</c>); every <paramref name="batchEvery"/> optimizer steps the batch
/// loss as <c>batch/loss</c> at step = the optimizer's step count (which a resumed run continues).
/// </summary>
/// <remarks>
/// The gradient histogram is that of the epoch's last step (the gradients a parameter holds when the epoch ends); a
/// parameter without a gradient (frozen, or unused by the loss) gets none. Histograms use
/// <see cref="EventWriter.WriteHistogram"/>'s equal-width buckets. The file is flushed after every epoch and closed when
/// training ends; a new <see cref="Trainer.Fit"/> call starts a new event file in the same folder.
/// </remarks>
/// <param name="folder">The log folder; created if missing.</param>
/// <param name="batchEvery">Log the batch loss every this many steps (0 turns batch logging off).</param>
/// <param name="histograms">Log parameter and gradient histograms each epoch.</param>
/// <param name="buckets">Buckets per histogram.</param>
/// <param name="histogramEvery">Log histograms after every this many epochs, and after the last (raise it for runs of thousands of tiny epochs).</param>
public sealed class TensorBoard(string folder, int batchEvery = 10, bool histograms = true, int buckets = 30, int histogramEvery = 1) : ICallback
{
    private EventWriter? _writer;

    /// <summary>The event file being written (null before training starts).</summary>
    public string? EventFile { get; private set; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _writer?.Dispose();
        _writer = new EventWriter(folder);
        EventFile = _writer.Path;
    }

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        long step = context.Optimizer.StepCount;
        if (_writer is not null && batchEvery > 0 && step % batchEvery == 0) _writer.WriteScalar("batch/loss", loss, step);
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        if (_writer is null) return;
        long step = log.Epoch + 1;
        foreach (var (name, value) in log.Values) _writer.WriteScalar("epoch/" + name, value, step);
        if (histograms && ((log.Epoch + 1) % Math.Max(1, histogramEvery) == 0 || log.Epoch == context.Epochs - 1))
            foreach (var (name, parameter) in context.Model.NamedParameters())
            {
                _writer.WriteHistogram("weights/" + name, parameter.ToArray<double>(), step, buckets);
                if (parameter.Grad is { } grad) _writer.WriteHistogram("gradients/" + name, grad.ToArray<double>(), step, buckets);
            }
        _writer.Flush();
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        _writer?.Dispose();
        _writer = null;
    }
}
