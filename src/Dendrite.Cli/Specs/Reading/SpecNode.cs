using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// A value in a parsed spec together with its field path (<c>model.layers[2].units</c>), so every binding error names
/// the source, the path, the value found and what was expected.
/// </summary>
/// <param name="Source">The spec's file name, prefixed to messages.</param>
/// <param name="Path">The dotted field path of this value.</param>
/// <param name="Node">The value (null for JSON null).</param>
internal sealed record SpecNode(string Source, string Path, JsonNode? Node)
{
    /// <summary>A user error at this field: <c>source: path: message</c>.</summary>
    public CliException Error(string message) => new($"{Source}: {(Path.Length == 0 ? "" : Path + ": ")}{message}");

    /// <summary>An error saying what was expected and what was found.</summary>
    public CliException Expected(string expectation) => Error($"expected {expectation} but got {Describe(Node)}");

    /// <summary>The value as the user wrote it, for messages: strings quoted, objects and arrays abbreviated.</summary>
    public static string Describe(JsonNode? node)
    {
        if (node is null) return "null";
        string text = node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.Length <= 60 ? text : text[..57] + "…";
    }

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    /// <summary>This value as an object; an error when it is anything else.</summary>
    public JsonObject AsObject() => Node as JsonObject ?? throw Expected("an object");

    /// <summary>The value of field <paramref name="name"/> (absent and null both give a node whose <see cref="Node"/> is null).</summary>
    public SpecNode Field(string name) => new(Source, Child(name), AsObject()[name]);

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string name) => Node is JsonObject o && o[name] is not null;

    /// <summary>Rejects fields outside <paramref name="allowed"/>, suggesting the closest allowed name.</summary>
    /// <param name="allowed">The fields this object may hold.</param>
    /// <param name="owner">What the fields belong to when they depend on a choice, e.g. "optimizer sgd".</param>
    public void RejectUnknown(IReadOnlyList<string> allowed, string? owner = null)
    {
        foreach (var (key, _) in AsObject())
        {
            if (allowed.Contains(key)) continue;
            string? near = Suggest.Closest(key, allowed);
            throw new CliException($"{Source}: {Child(key)}: unknown field{(owner is null ? "" : " for " + owner)}" +
                                   (near is null ? "" : $" (did you mean \"{near}\"?)") + $"; expected one of: {string.Join(", ", allowed)}");
        }
    }

    /// <summary>The elements of an array, each with its indexed path.</summary>
    public IReadOnlyList<SpecNode> Items()
    {
        if (Node is not JsonArray array) throw Expected("a list");
        return [.. array.Select((item, i) => new SpecNode(Source, $"{Path}[{i}]", item))];
    }

    public bool IsNull => Node is null;

    public bool IsString => Node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public string String() =>
        Node is JsonValue v && v.TryGetValue(out string? s) ? s : throw Expected("a string");

    public string? StringOrNull() => IsNull ? null : String();

    /// <summary>A string from <paramref name="choices"/> (case-insensitive), returned in the choices' spelling.</summary>
    public string Choice(string what, IReadOnlyList<string> choices)
    {
        string value = Node is JsonValue v && v.TryGetValue(out string? s) ? s : throw Expected($"one of: {string.Join(", ", choices)}");
        foreach (string c in choices)
            if (string.Equals(c, value, StringComparison.OrdinalIgnoreCase)) return c;
        string? near = Suggest.Closest(value, choices);
        throw Error($"unknown {what} {Describe(Node)}" + (near is null ? "" : $" (did you mean \"{near}\"?)") +
                    $" (expected one of: {string.Join(", ", choices)})");
    }

    public string? ChoiceOrNull(string what, IReadOnlyList<string> choices) => IsNull ? null : Choice(what, choices);

    private bool TryNumber(out double value)
    {
        value = 0;
        return Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    /// <summary>A finite number satisfying <paramref name="valid"/> (described by <paramref name="expectation"/>).</summary>
    public double Number(string expectation = "a number", Func<double, bool>? valid = null)
    {
        if (!TryNumber(out double d) || !double.IsFinite(d) || (valid is not null && !valid(d))) throw Expected(expectation);
        return d;
    }

    public double? NumberOrNull(string expectation = "a number", Func<double, bool>? valid = null) => IsNull ? null : Number(expectation, valid);

    public double Positive() => Number("a positive number", d => d > 0);

    public double? PositiveOrNull() => IsNull ? null : Positive();

    public double? NonNegativeOrNull() => NumberOrNull("a non-negative number", d => d >= 0);

    /// <summary>A number in [0, 1) or [0, 1] (<paramref name="inclusive"/>).</summary>
    public double? FractionOrNull(bool inclusive = false) => NumberOrNull(inclusive ? "a number in [0, 1]" : "a number in [0, 1)",
        d => d >= 0 && (inclusive ? d <= 1 : d < 1));

    /// <summary>An integer in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public int Int(int minimum = int.MinValue, int maximum = int.MaxValue)
    {
        string expectation = minimum switch
        {
            int.MinValue => "an integer",
            0 => "a non-negative integer",
            1 => "a positive integer",
            _ => $"an integer ≥ {minimum.ToString(CultureInfo.InvariantCulture)}",
        } + (maximum < int.MaxValue ? $" ≤ {maximum.ToString("N0", CultureInfo.InvariantCulture)}" : "");
        if (!TryNumber(out double d) || d != Math.Floor(d) || d < minimum || d > maximum) throw Expected(expectation);
        return (int)d;
    }

    public int? IntOrNull(int minimum = int.MinValue) => IsNull ? null : Int(minimum);

    public bool Bool() =>
        Node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw Expected("true or false");

    public bool? BoolOrNull() => IsNull ? null : Bool();

    /// <summary>A list of strings.</summary>
    public IReadOnlyList<string> Strings() => [.. Items().Select(i => i.String())];
}
