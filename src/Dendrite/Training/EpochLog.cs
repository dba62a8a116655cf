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

/// <summary>The per-epoch logs of a training run.</summary>
public sealed class History
{
    private readonly List<EpochLog> _epochs = [];

    /// <summary>The logged epochs in order.</summary>
    public IReadOnlyList<EpochLog> Epochs => _epochs;

    /// <summary>One value across epochs, e.g. <c>history["dev_loss"]</c>.</summary>
    public double[] this[string name] => [.. _epochs.Select(e => e[name])];

    internal void Add(EpochLog log) => _epochs.Add(log);

    /// <summary>The history as text, one epoch per line of <c>name=value</c> pairs (round-trip exact).</summary>
    internal string Serialize() => string.Join('\n', _epochs.Select(e =>
        string.Join(';', e.Values.Select(p => p.Key + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)))));

    /// <summary>Replaces the epochs with those in <paramref name="text"/> (written by <see cref="Serialize"/>).</summary>
    internal void Deserialize(string text)
    {
        _epochs.Clear();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var values = line.Split(';').Select(pair =>
            {
                int eq = pair.LastIndexOf('=');
                if (eq <= 0) throw new InvalidDataException($"History entry '{pair}' is not name=value.");
                return KeyValuePair.Create(pair[..eq], double.Parse(pair[(eq + 1)..], CultureInfo.InvariantCulture));
            });
            _epochs.Add(new EpochLog(_epochs.Count, [.. values]));
        }
    }

    internal void Truncate(int epochs)
    {
        if (_epochs.Count > epochs) _epochs.RemoveRange(epochs, _epochs.Count - epochs);
    }
}
