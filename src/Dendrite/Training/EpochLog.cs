using System.Globalization;

namespace Dendrite.Training;

/// <summary>The values logged for one epoch, by name: <c>loss</c>, metric names, <c>dev_loss</c>, <c>dev_…</c>, <c>lr</c>, <c>seconds</c>.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Values">The logged values in insertion order.</param>
public sealed record EpochLog(int Epoch, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>The value named <paramref name="name"/>; an error lists the names that exist.</summary>
    public double this[string name] => TryGet(name, out var v) ? v
        : throw new KeyNotFoundException($"Epoch log has no '{name}'; it has: {string.Join(", ", Values.Select(p => p.Key))}.");

    /// <summary>Looks a value up by name.</summary>
    public bool TryGet(string name, out double value)
    {
        foreach (var (k, v) in Values)
            if (k == name) { value = v; return true; }
        value = double.NaN;
        return false;
    }

    /// <summary>One line: <c>epoch 3: loss 0.1234 accuracy 0.9812 …</c>.</summary>
    public override string ToString() =>
        $"epoch {Epoch + 1}: " + string.Join("  ", Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:G5}")));
}
