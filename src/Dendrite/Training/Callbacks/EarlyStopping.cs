using Dendrite.Autograd;

namespace Dendrite.Training;

/// <summary>
/// Stops training when a monitored value (default <c>dev_loss</c>) has not improved for <c>patience</c> epochs,
/// optionally restoring the weights of the best epoch.
/// </summary>
/// <param name="monitor">Logged value to watch, e.g. <c>dev_loss</c> or <c>dev_accuracy</c>.</param>
/// <param name="patience">Epochs without improvement before stopping.</param>
/// <param name="minDelta">Smallest change that counts as an improvement.</param>
/// <param name="restoreBestWeights">Put back the parameters and buffers of the best epoch when training ends.</param>
/// <param name="higherIsBetter">Direction; by default values whose name contains "loss" are minimized, others maximized.</param>
/// <param name="eligible">Which epochs count as improvements (one that misses a satisficing constraint does not); all when null.</param>
public sealed class EarlyStopping(string monitor = "dev_loss", int patience = 5, double minDelta = 0, bool restoreBestWeights = true,
    bool? higherIsBetter = null, Func<EpochLog, bool>? eligible = null) : ICallback
{
    private readonly bool _maximize = higherIsBetter ?? !monitor.Contains("loss", StringComparison.OrdinalIgnoreCase);
    private Tensor[]? _best;
    private int _wait;

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
        _best = null;
        Best = double.NaN;
        BestEpoch = StoppedEpoch = -1;
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
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

    private static IEnumerable<Tensor> State(TrainingContext context) =>
        context.Model.NamedParameters().Select(p => p.Parameter).Concat(context.Model.NamedBuffers().Select(b => b.Buffer));
}
