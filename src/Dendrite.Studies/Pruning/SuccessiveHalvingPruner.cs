namespace Dendrite.Studies;

/// <summary>
/// Asynchronous successive halving (ASHA): at each rung — after r₀·η^k epochs — a trial goes on only if its value is
/// among the top 1/η of the values every trial reached at that rung so far.
/// </summary>
/// <remarks>Li et al., "A System for Massively Parallel Hyperparameter Tuning" (MLSys 2020). Rung k is step
/// s_k = r₀·η^k − 1 (epochs counted from 0). With n values at the rung (this trial's included), the trial continues
/// when it ranks within the best max(1, ⌊n/η⌋); otherwise it stops. Early trials see few peers and usually continue:
/// that is the asynchronous variant's trade for never waiting on a rung to fill.</remarks>
/// <param name="minResource">r₀: epochs before the first rung.</param>
/// <param name="reductionFactor">η: the fraction 1/η of trials continues at each rung.</param>
public sealed class SuccessiveHalvingPruner(int minResource = 1, int reductionFactor = 3) : IPruner
{
    /// <summary>r₀, epochs before the first rung.</summary>
    public int MinResource { get; } = minResource >= 1 ? minResource : throw new ArgumentOutOfRangeException(nameof(minResource), "ASHA needs r₀ ≥ 1.");

    /// <summary>η, the reduction factor.</summary>
    public int ReductionFactor { get; } = reductionFactor >= 2 ? reductionFactor : throw new ArgumentOutOfRangeException(nameof(reductionFactor), "ASHA needs η ≥ 2.");

    /// <summary>Whether step (from 0) ends a rung: step + 1 = r₀·η^k.</summary>
    public bool IsRung(int step)
    {
        for (long epochs = MinResource; epochs <= step + 1; epochs *= ReductionFactor)
            if (epochs == step + 1) return true;
        return false;
    }

    /// <inheritdoc />
    public bool ShouldPrune(int step, IReadOnlyList<double> history, IReadOnlyList<PeerValue> others, bool maximize)
    {
        if (!IsRung(step) || history.Count <= step) return false;
        double mine = history[step];
        if (double.IsNaN(mine)) return true;
        var values = others.Select(o => o.Value).Where(v => !double.IsNaN(v)).ToList();
        int keep = Math.Max(1, (values.Count + 1) / ReductionFactor);
        int better = values.Count(v => maximize ? v > mine : v < mine);
        return better >= keep;
    }

    /// <summary>E.g. <c>SuccessiveHalvingPruner(r₀ 1, η 3)</c>.</summary>
    public override string ToString() => $"SuccessiveHalvingPruner(r₀ {MinResource}, η {ReductionFactor})";
}
