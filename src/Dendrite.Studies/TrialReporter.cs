namespace Dendrite.Studies;

/// <summary>
/// What a trial's objective reports to its study as it trains: one value per step (epoch), stored at once; the answer
/// says whether the pruner stops the trial.
/// </summary>
public sealed class TrialReporter
{
    private readonly Study _study;
    private readonly int _trialId;
    private readonly IPruner? _pruner;
    private readonly List<double> _history = [];

    internal TrialReporter(Study study, int trialId, IPruner? pruner)
    {
        _study = study;
        _trialId = trialId;
        _pruner = pruner;
    }

    /// <summary>The values reported so far, by step.</summary>
    public IReadOnlyList<double> History => _history;

    /// <summary>Whether the pruner stopped the trial.</summary>
    public bool Pruned { get; private set; }

    /// <summary>Stores <paramref name="value"/> as the trial's value at <paramref name="step"/>; returns true when the trial should stop.</summary>
    /// <exception cref="ArgumentException">Steps must come in order 0, 1, 2, …</exception>
    public bool Report(int step, double value)
    {
        if (step != _history.Count) throw new ArgumentException($"Trial reports step {step} but expected step {_history.Count} (steps go 0, 1, 2, …).", nameof(step));
        _history.Add(value);
        _study.ReportIntermediate(_trialId, step, value);
        if (_pruner is null || Pruned) return Pruned;
        Pruned = _pruner.ShouldPrune(step, _history, _study.ValuesAt(step, _trialId), _study.Maximize);
        return Pruned;
    }
}
