using System.Globalization;

namespace Dendrite.Training;

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

    /// <summary>Replaces the epochs with those of <paramref name="other"/>.</summary>
    internal void Replace(History other)
    {
        _epochs.Clear();
        _epochs.AddRange(other._epochs);
    }

    internal void Truncate(int epochs)
    {
        if (_epochs.Count > epochs) _epochs.RemoveRange(epochs, _epochs.Count - epochs);
    }
}
