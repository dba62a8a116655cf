using System.Globalization;

namespace Dendrite.Training;

/// <summary>
/// The callbacks' state stored in a training checkpoint: strings in its <c>__metadata__</c> and tensors (e.g. the best
/// weights of <see cref="EarlyStopping"/>) beside the model's, each under a key prefixed with the callback's name.
/// </summary>
/// <param name="source">The checkpoint the state was read from, for error messages (null while writing).</param>
public sealed class CallbackState(string? source = null)
{
    /// <summary>The checkpoint the state came from, or null.</summary>
    public string? Source => source;

    /// <summary>The string values by key.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The tensors by key.</summary>
    public Dictionary<string, Tensor> Tensors { get; } = new(StringComparer.Ordinal);

    /// <summary>Stores a number exactly (round-trip format; NaN allowed).</summary>
    public void Set(string key, double value) => Values[key] = value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Stores an integer.</summary>
    public void Set(string key, int value) => Values[key] = value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number under <paramref name="key"/>; NaN is allowed, ±∞ and text are not.</summary>
    public double GetDouble(string key)
    {
        string text = Get(key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsInfinity(v))
            throw Invalid(key, text, "a finite number or NaN");
        return v;
    }

    /// <summary>The integer under <paramref name="key"/>, which must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInt(string key, int min, int max)
    {
        string text = Get(key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            throw Invalid(key, text, $"an integer in [{min}, {max}]");
        return v;
    }

    private string Get(string key) => Values.TryGetValue(key, out var text) ? text
        : throw new InvalidDataException($"{source ?? "training checkpoint"}: __metadata__ lacks the callback state '{key}'; was it written by a run with the same callbacks?");

    private InvalidDataException Invalid(string key, string text, string expected) =>
        new($"{source ?? "training checkpoint"}: '{key}' in __metadata__ is '{text}', expected {expected}.");
}
