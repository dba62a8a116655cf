using Dendrite.Autograd;

namespace Dendrite.Training;

/// <summary>
/// Stops training when a monitored value (default <c>dev_loss</c>) has not improved for <c>patience</c> epochs,
/// optionally restoring the weights of the best epoch.
/// </summary>
/// <remarks>Its counters and the best epoch's weights travel in a training checkpoint (keys <c>early_stopping.*</c>), so a
/// resumed run stops, and restores, exactly where an uninterrupted one would.</remarks>
/// <param name="monitor">Logged value to watch, e.g. <c>dev_loss</c> or <c>dev_accuracy</c>.</param>
/// <param name="patience">Epochs without improvement before stopping.</param>
/// <param name="minDelta">Smallest change that counts as an improvement.</param>
/// <param name="restoreBestWeights">Put back the parameters and buffers of the best epoch when training ends.</param>
/// <param name="higherIsBetter">Direction; by default values whose name contains "loss" are minimized, others maximized.</param>
/// <param name="eligible">Which epochs count as improvements (one that misses a satisficing constraint does not); all when null.</param>
public sealed class EarlyStopping(string monitor = "dev_loss", int patience = 5, double minDelta = 0, bool restoreBestWeights = true,
    bool? higherIsBetter = null, Func<EpochLog, bool>? eligible = null) : IResumableCallback
{
    private const string Prefix = "early_stopping.";
    private readonly bool _maximize = higherIsBetter ?? !monitor.Contains("loss", StringComparison.OrdinalIgnoreCase);
    private Tensor[]? _best;
    private int _wait, _observed = -1;

    /// <summary>The best monitored value so far.</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch (0-based) that achieved <see cref="Best"/>.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>The epoch after which training was stopped, or −1.</summary>
    public int StoppedEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _wait = 0;
        _observed = -1;
        _best = null;
        Best = double.NaN;
        BestEpoch = StoppedEpoch = -1;
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log) => Observe(context, log);

    /// <inheritdoc/>
    public void SaveState(TrainingContext context, EpochLog log, CallbackState state)
    {
        Observe(context, log);
        state.Set(Prefix + "best", Best);
        state.Set(Prefix + "best_epoch", BestEpoch);
        state.Set(Prefix + "stopped_epoch", StoppedEpoch);
        state.Set(Prefix + "wait", _wait);
        var names = StateNames(context).ToList();
        if (_best is not null)
            for (int i = 0; i < _best.Length; i++) state.Tensors[Prefix + names[i]] = _best[i];
    }

    /// <inheritdoc/>
    public void LoadState(TrainingContext context, CallbackState state)
    {
        int epochs = context.Trainer.Epoch;
        Best = state.GetDouble(Prefix + "best");
        BestEpoch = state.GetInt(Prefix + "best_epoch", -1, epochs - 1);
        StoppedEpoch = state.GetInt(Prefix + "stopped_epoch", -1, epochs - 1);
        _wait = state.GetInt(Prefix + "wait", 0, epochs);
        _observed = epochs - 1;
        _best = null;
        if (restoreBestWeights && BestEpoch >= 0)
        {
            var current = State(context).ToList();
            var names = StateNames(context).ToList();
            _best = new Tensor[current.Count];
            for (int i = 0; i < current.Count; i++)
            {
                if (!state.Tensors.TryGetValue(Prefix + names[i], out var saved) || saved.Shape != current[i].Shape || saved.DType != current[i].DType)
                    throw new InvalidDataException($"{state.Source}: the best weights of early stopping lack '{Prefix}{names[i]}' {current[i].Shape} {current[i].DType}.");
                _best[i] = saved;
            }
        }
        if (StoppedEpoch >= 0) context.StopTraining = true;
    }

    private void Observe(TrainingContext context, EpochLog log)
    {
        if (log.Epoch <= _observed) return; // already seen (SaveState may run first); counting twice would stop early
        _observed = log.Epoch;
        double value = log[monitor];
        bool improved = (eligible?.Invoke(log) ?? true) && (double.IsNaN(Best) || (_maximize ? value > Best + minDelta : value < Best - minDelta));
        if (improved)
        {
            Best = value;
            BestEpoch = log.Epoch;
            _wait = 0;
            if (restoreBestWeights) _best = [.. State(context).Select(t => t.Clone())];
        }
        else if (++_wait >= patience)
        {
            StoppedEpoch = log.Epoch;
            context.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        if (_best is null) return;
        using var _ = GradMode.NoGrad();
        var current = State(context).ToArray();
        for (int i = 0; i < current.Length; i++) current[i].Assign(_best[i]);
    }

    private static IEnumerable<string> StateNames(TrainingContext context) =>
        context.Model.NamedParameters().Select(p => p.Name).Concat(context.Model.NamedBuffers().Select(b => b.Name));

    private static IEnumerable<Tensor> State(TrainingContext context) =>
        context.Model.NamedParameters().Select(p => p.Parameter).Concat(context.Model.NamedBuffers().Select(b => b.Buffer));
}
