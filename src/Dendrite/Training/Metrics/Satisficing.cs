using System.Globalization;

namespace Dendrite.Training;

/// <summary>
/// A satisficing metric: a named score that only has to be good enough, e.g. running time ≤ 100 ms or
/// false alarms ≤ 1 per 24 hours.
/// </summary>
/// <param name="Metric">The score's name in a candidate's scores.</param>
/// <param name="Limit">The threshold it must meet.</param>
/// <param name="AtMost">True for score ≤ limit (cost-like), false for score ≥ limit.</param>
public sealed record Satisficing(string Metric, double Limit, bool AtMost = true)
{
    /// <summary>Requires <paramref name="metric"/> ≤ <paramref name="limit"/>.</summary>
    public static Satisficing AtMostOf(string metric, double limit) => new(metric, limit, AtMost: true);

    /// <summary>Requires <paramref name="metric"/> ≥ <paramref name="limit"/>.</summary>
    public static Satisficing AtLeastOf(string metric, double limit) => new(metric, limit, AtMost: false);

    /// <summary>Whether <paramref name="value"/> meets the threshold (NaN never does).</summary>
    public bool IsMetBy(double value) => AtMost ? value <= Limit : value >= Limit;

    /// <summary>The constraint as written, e.g. <c>running_time_ms ≤ 100</c>.</summary>
    public override string ToString() => $"{Metric} {(AtMost ? "≤" : "≥")} {Limit.ToString("G", CultureInfo.InvariantCulture)}";
}
