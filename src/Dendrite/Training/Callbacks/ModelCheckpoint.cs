using System.Globalization;
using Dendrite.Data;
using Dendrite.Serialization;

namespace Dendrite.Training;

/// <summary>
/// After every epoch writes <c>last.safetensors</c> (a training checkpoint: model, optimizer state, epoch, learning
/// rate, history and the state of every <see cref="IResumableCallback"/>, for <see cref="Trainer.Resume"/>) and, when the
/// monitored value improves, <c>best.safetensors</c> (the model's parameters and buffers only). Both are written
/// atomically, best first, so a run killed at any point resumes to the same files as one that never stopped.
/// </summary>
/// <remarks>Its own state (the best value and its epoch) travels in <c>last.safetensors</c> as
/// <c>model_checkpoint.best</c> and <c>model_checkpoint.best_epoch</c>, so a resumed run overwrites <c>best.safetensors</c>
/// only when it improves on the best of the epochs before the interruption. Temporary files left in the folder by a
/// killed write are deleted when training begins.</remarks>
/// <param name="folder">The run folder; created if missing.</param>
/// <param name="monitor">Logged value that decides "best", e.g. <c>dev_loss</c> or <c>dev_accuracy</c>.</param>
/// <param name="higherIsBetter">Direction; by default names containing "loss" are minimized, others maximized.</param>
/// <param name="every">Save after every this many epochs, and after the last (raise it for thousands of tiny epochs).</param>
/// <param name="eligible">Which epochs may become the best (an epoch that misses a satisficing constraint may not); all when null.</param>
public sealed class ModelCheckpoint(string folder, string monitor = "dev_loss", bool? higherIsBetter = null, int every = 1,
    Func<EpochLog, bool>? eligible = null) : IResumableCallback
{
    private const string BestKey = "model_checkpoint.best", BestEpochKey = "model_checkpoint.best_epoch";
    private int _saved = -1;

    private readonly bool _maximize = higherIsBetter ?? !monitor.Contains("loss", StringComparison.OrdinalIgnoreCase);

    /// <summary>Path of the training checkpoint written after each epoch.</summary>
    public string LastPath => Path.Combine(folder, "last.safetensors");

    /// <summary>Path of the best model so far.</summary>
    public string BestPath => Path.Combine(folder, "best.safetensors");

    /// <summary>The best monitored value so far (NaN before any eligible epoch).</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch (0-based) whose model is in <see cref="BestPath"/>, or −1.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        AtomicFile.DeleteLeftovers(LastPath);
        AtomicFile.DeleteLeftovers(BestPath);
    }

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

    /// <inheritdoc/>
    public void SaveState(TrainingContext context, EpochLog log, CallbackState state)
    {
        state.Set(BestKey, Best);
        state.Set(BestEpochKey, BestEpoch);
    }

    /// <inheritdoc/>
    public void LoadState(TrainingContext context, CallbackState state)
    {
        _saved = context.Trainer.Epoch - 1;
        if (state.Values.ContainsKey(BestKey))
        {
            Best = state.GetDouble(BestKey);
            BestEpoch = state.GetInt(BestEpochKey, -1, context.Trainer.Epoch - 1);
            return;
        }
        Best = double.NaN; // a checkpoint written before the state was stored: replay the saved epochs' logs
        BestEpoch = -1;
        foreach (var log in context.History.Epochs)
            if (((log.Epoch + 1) % Math.Max(1, every) == 0 || log.Epoch == context.Epochs - 1) && Improves(log, out double value))
                (Best, BestEpoch) = (value, log.Epoch);
    }

    private bool Improves(EpochLog log, out double value) =>
        log.TryGet(monitor, out value) && (eligible?.Invoke(log) ?? true) && (double.IsNaN(Best) || (_maximize ? value > Best : value < Best));

    private void Save(TrainingContext context, EpochLog log)
    {
        _saved = log.Epoch;
        Directory.CreateDirectory(folder);
        if (Improves(log, out double value))
        {
            Best = value;
            BestEpoch = log.Epoch;
            Checkpoint.Save(context.Model, BestPath, new Dictionary<string, string>
            {
                ["epoch"] = (log.Epoch + 1).ToString(CultureInfo.InvariantCulture),
                [monitor] = value.ToString("R", CultureInfo.InvariantCulture),
            });
        }
        var state = new CallbackState();
        var resumables = context.Callbacks.OfType<IResumableCallback>().ToList();
        if (!resumables.Contains(this)) resumables.Insert(0, this);
        foreach (var c in resumables) c.SaveState(context, log, state);
        var extra = new Dictionary<string, string>(state.Values)
        {
            [Trainer.HistoryKey] = context.History.Serialize(),
            [Trainer.LearningRateKey] = context.Optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        };
        TrainingCheckpoint.Save(LastPath, context.Model, context.Optimizer.StateTensors(), context.Optimizer.StepCount, log.Epoch + 1, extra, state.Tensors);
    }
}
