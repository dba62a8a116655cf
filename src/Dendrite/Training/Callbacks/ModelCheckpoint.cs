using System.Globalization;
using Dendrite.Serialization;

namespace Dendrite.Training;

/// <summary>
/// After every epoch writes <c>last.safetensors</c> (a training checkpoint: model, optimizer state, epoch, learning
/// rate and history, for <see cref="Trainer.Resume"/>) and, when the monitored value improves, <c>best.safetensors</c>
/// (the model's parameters and buffers only). Both are written atomically.
/// </summary>
/// <param name="folder">The run folder; created if missing.</param>
/// <param name="monitor">Logged value that decides "best", e.g. <c>dev_loss</c> or <c>dev_accuracy</c>.</param>
/// <param name="higherIsBetter">Direction; by default names containing "loss" are minimized, others maximized.</param>
/// <param name="every">Save after every this many epochs, and after the last (raise it for thousands of tiny epochs).</param>
/// <param name="eligible">Which epochs may become the best (an epoch that misses a satisficing constraint may not); all when null.</param>
public sealed class ModelCheckpoint(string folder, string monitor = "dev_loss", bool? higherIsBetter = null, int every = 1,
    Func<EpochLog, bool>? eligible = null) : ICallback
{
    private int _saved = -1;

    private readonly bool _maximize = higherIsBetter ?? !monitor.Contains("loss", StringComparison.OrdinalIgnoreCase);

    /// <summary>Path of the training checkpoint written after each epoch.</summary>
    public string LastPath => Path.Combine(folder, "last.safetensors");

    /// <summary>Path of the best model so far.</summary>
    public string BestPath => Path.Combine(folder, "best.safetensors");

    /// <summary>The best monitored value so far.</summary>
    public double Best { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        if ((log.Epoch + 1) % Math.Max(1, every) == 0 || log.Epoch == context.Epochs - 1) Save(context, log);
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        var last = context.History.Epochs.LastOrDefault();
        if (last is not null && _saved != last.Epoch) Save(context, last);
    }

    private void Save(TrainingContext context, EpochLog log)
    {
        _saved = log.Epoch;
        Directory.CreateDirectory(folder);
        var extra = new Dictionary<string, string>
        {
            [Trainer.HistoryKey] = context.History.Serialize(),
            [Trainer.LearningRateKey] = context.Optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        };
        TrainingCheckpoint.Save(LastPath, context.Model, context.Optimizer.StateTensors(), context.Optimizer.StepCount, log.Epoch + 1, extra);
        if (!log.TryGet(monitor, out double value) || !(eligible?.Invoke(log) ?? true)) return;
        if (double.IsNaN(Best) || (_maximize ? value > Best : value < Best))
        {
            Best = value;
            Checkpoint.Save(context.Model, BestPath, new Dictionary<string, string>
            {
                ["epoch"] = (log.Epoch + 1).ToString(CultureInfo.InvariantCulture),
                [monitor] = value.ToString("R", CultureInfo.InvariantCulture),
            });
        }
    }
}
