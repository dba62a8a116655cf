using System.Collections;

namespace Dendrite.Training;

/// <summary>Named hyperparameter dimensions, sampled together to make one trial.</summary>
/// <example>
/// <code>
/// var space = new SearchSpace
/// {
///     { "alpha", new LogUniform(1e-4, 1) },
///     { "beta", new OneMinusLogUniform(0.9, 0.999) },
///     { "hidden", new IntRange(50, 100) },
/// };
/// </code>
/// </example>
public sealed class SearchSpace : IEnumerable<KeyValuePair<string, SearchDimension>>
{
    private readonly List<KeyValuePair<string, SearchDimension>> _dimensions = [];

    /// <summary>Adds a dimension; names are unique. Returns this space, so calls chain.</summary>
    public SearchSpace Add(string name, SearchDimension dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dimension);
        if (_dimensions.Exists(d => d.Key == name)) throw new ArgumentException($"SearchSpace already has a dimension '{name}'.");
        _dimensions.Add(new(name, dimension));
        return this;
    }

    /// <summary>Number of dimensions.</summary>
    public int Count => _dimensions.Count;

    /// <summary>The dimension names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _dimensions.ConvertAll(d => d.Key);

    /// <summary>The dimension called <paramref name="name"/>.</summary>
    public SearchDimension this[string name] =>
        _dimensions.Find(d => d.Key == name).Value
        ?? throw new KeyNotFoundException($"SearchSpace has no dimension '{name}' (it has: {string.Join(", ", Names)}).");

    /// <summary>Draws one value per dimension, in order, from <paramref name="random"/>.</summary>
    public IReadOnlyDictionary<string, object> Sample(Random random)
    {
        var values = new Dictionary<string, object>(_dimensions.Count);
        foreach (var (name, dimension) in _dimensions) values[name] = dimension.Sample(random);
        return values;
    }

    /// <summary>The space around the given trials' values: each dimension narrowed by <see cref="SearchDimension.Narrow"/>.</summary>
    public SearchSpace Narrow(IReadOnlyList<Trial> best, double margin)
    {
        var narrowed = new SearchSpace();
        foreach (var (name, dimension) in _dimensions)
            narrowed.Add(name, dimension.Narrow(best.Select(t => t.Values[name]).ToArray(), margin));
        return narrowed;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, SearchDimension>> GetEnumerator() => _dimensions.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line per dimension, e.g. <c>alpha ~ LogUniform(0.0001, 1)</c>.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _dimensions.Select(d => $"{d.Key} ~ {d.Value}"));
}
