using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// The values a spec gives one kind (a layer, a data set, an optimizer, …), checked by the kind's fields. Reading a
/// field the spec left out gives the field's declared default, so no default is restated where it is used. Two
/// settings are equal when they name the same kind with the same values.
/// </summary>
internal sealed class SpecSettings : IEquatable<SpecSettings>
{
    private readonly Dictionary<string, JsonNode> _values;

    /// <summary>Settings of <paramref name="kind"/>; <paramref name="values"/> holds only the fields the spec gave.</summary>
    public SpecSettings(SpecKind kind, IEnumerable<KeyValuePair<string, JsonNode>> values)
    {
        Kind = kind;
        _values = new Dictionary<string, JsonNode>(values.Select(p => KeyValuePair.Create(p.Key, p.Value.DeepClone())));
        foreach (string name in _values.Keys)
            if (kind.Field(name) is null) throw new ArgumentException($"{kind.Name} has no field {name}.", nameof(values));
    }

    /// <summary>The kind with no fields given: every field at its default.</summary>
    public SpecSettings(SpecKind kind) : this(kind, []) { }

    /// <summary>The kind these settings are for.</summary>
    public SpecKind Kind { get; }

    /// <summary>The kind's name, e.g. <c>conv2d</c>.</summary>
    public string Type => Kind.Name;

    /// <summary>The fields the spec gave, in the kind's field order, as canonical JSON values.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode>> Given =>
        Kind.Fields.Where(f => _values.ContainsKey(f.Name)).Select(f => KeyValuePair.Create(f.Name, _values[f.Name]));

    /// <summary>Whether the spec gave <paramref name="name"/>.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The given value or the field's default; null when neither exists.</summary>
    public JsonNode? Node(string name) =>
        _values.TryGetValue(name, out var v) ? v : (Kind.Field(name) ?? throw new ArgumentException($"{Kind.Name} has no field {name}.", nameof(name))).Default;

    /// <summary>These settings with <paramref name="name"/> set to <paramref name="value"/> (null removes it).</summary>
    public SpecSettings With(string name, JsonNode? value)
    {
        var values = new Dictionary<string, JsonNode>(_values);
        if (value is null) values.Remove(name);
        else values[name] = value;
        return new SpecSettings(Kind, values);
    }

    public int Int(string name) => IntOrNull(name) ?? throw Missing(name);

    public int? IntOrNull(string name) => Node(name)?.GetValue<int>();

    public double Double(string name) => DoubleOrNull(name) ?? throw Missing(name);

    public double? DoubleOrNull(string name) => Node(name) is { } n ? n.GetValue<double>() : null;

    public bool Bool(string name) => BoolOrNull(name) ?? throw Missing(name);

    public bool? BoolOrNull(string name) => Node(name)?.GetValue<bool>();

    public string String(string name) => StringOrNull(name) ?? throw Missing(name);

    public string? StringOrNull(string name) => Node(name) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => other?.ToJsonString(),
    };

    private InvalidOperationException Missing(string name) => new($"{Kind.Name}.{name} has neither a value nor a default; the binder should have required it.");

    public bool Equals(SpecSettings? other) => other is not null && other.Kind.Name == Kind.Name && Text() == other.Text();

    public override bool Equals(object? obj) => obj is SpecSettings other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind.Name, Text());

    /// <summary>The kind and its given fields as compact JSON, e.g. <c>conv2d {"filters":6}</c>.</summary>
    public override string ToString() => $"{Kind.Name} {Text()}";

    private string Text() => new JsonObject(Given.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))).ToJsonString();
}
