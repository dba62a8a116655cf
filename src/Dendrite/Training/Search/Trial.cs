using System.Globalization;

namespace Dendrite.Training;

/// <summary>One run of the objective: the sampled hyperparameters, the trial's index and round, and its seed.</summary>
/// <remarks>Use <see cref="Seed"/> for everything random inside the trial (initialization, shuffling, dropout), so a
/// search repeats exactly whatever the parallelism.</remarks>
public sealed class Trial
{
    private readonly string[] _names;

    /// <summary>Creates a trial (the search does this).</summary>
    public Trial(int index, int round, int seed, IReadOnlyList<string> names, IReadOnlyDictionary<string, object> values)
    {
        Index = index;
        Round = round;
        Seed = seed;
        _names = names.ToArray();
        Values = values;
    }

    /// <summary>Position in the whole search, counting across rounds from 0.</summary>
    public int Index { get; }

    /// <summary>The coarse-to-fine round, from 0.</summary>
    public int Round { get; }

    /// <summary>A seed derived from the search's seed and <see cref="Index"/>.</summary>
    public int Seed { get; }

    /// <summary>The sampled values by name.</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    /// <summary>The dimension names in the space's order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>A sampled value as a double (for Uniform, LogUniform, OneMinusLogUniform and IntRange dimensions).</summary>
    public double this[string name] => Convert.ToDouble(Get<object>(name), CultureInfo.InvariantCulture);

    /// <summary>A sampled value as its own type, e.g. <c>Get&lt;int&gt;("hidden")</c> or <c>Get&lt;string&gt;("activation")</c>.</summary>
    public T Get<T>(string name) =>
        Values.TryGetValue(name, out var v)
            ? (T)v
            : throw new KeyNotFoundException($"Trial {Index} has no value '{name}' (it has: {string.Join(", ", _names)}).");

    /// <summary>The values as <c>name=value</c> pairs.</summary>
    public override string ToString() => string.Join(", ", _names.Select(n => $"{n}={Format(Values[n])}"));

    internal static string Format(object value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
