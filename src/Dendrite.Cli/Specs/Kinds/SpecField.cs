using System.Globalization;
using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// One field of a spec kind: its name, what it means, its default, and how a written value is checked. A kind lists
/// its fields once; binding, writing, defaults and the documentation test all read that list.
/// </summary>
internal sealed class SpecField
{
    private readonly Func<SpecNode, string?, JsonNode> _read;

    private SpecField(string name, string doc, JsonNode? @default, string? defaultText, Func<SpecNode, string?, JsonNode> read)
    {
        Name = name;
        Doc = doc;
        Default = Canonical(@default);
        DefaultText = defaultText ?? @default?.ToJsonString();
        _read = (node, baseFolder) => Canonical(read(node, baseFolder))!;
    }

    /// <summary>The field's name in a spec, e.g. <c>kernel_size</c>.</summary>
    public string Name { get; }

    /// <summary>What the field means, for messages and docs.</summary>
    public string Doc { get; }

    /// <summary>The value used when the spec gives none; null when there is no fixed one (see <see cref="DefaultText"/>).</summary>
    public JsonNode? Default { get; }

    /// <summary>The default as docs/SPEC.md states it (<c>0.1</c>, <c>"same"</c>, or a rule such as "init_seed + the layer's index"); null when required or optional without default.</summary>
    public string? DefaultText { get; }

    /// <summary>Whether a spec must give the field.</summary>
    public bool Required { get; private init; }

    /// <summary>Checks <paramref name="node"/> and returns its canonical value; relative paths resolve against <paramref name="baseFolder"/>.</summary>
    public JsonNode Read(SpecNode node, string? baseFolder) => _read(node, baseFolder);

    /// <summary>This field, but required.</summary>
    public SpecField AsRequired() => new(Name, Doc, null, null, _read) { Required = true };

    /// <summary>This field with a default described in words, applied by the kind.</summary>
    public SpecField DefaultsTo(string rule) => new(Name, Doc, null, rule, _read) { Required = Required };

    /// <summary>An integer in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static SpecField Int(string name, string doc, int? @default = null, int minimum = int.MinValue, int maximum = int.MaxValue) =>
        new(name, doc, @default is int d ? JsonValue.Create(d) : null, null, (n, _) => JsonValue.Create(n.Int(minimum, maximum)));

    /// <summary>A finite number accepted by <paramref name="valid"/>, described by <paramref name="expectation"/>.</summary>
    public static SpecField Number(string name, string doc, double? @default = null, string expectation = "a number", Func<double, bool>? valid = null) =>
        new(name, doc, @default is double d ? JsonValue.Create(d) : null, @default is double shown ? Format(shown) : null,
            (n, _) => JsonValue.Create(n.Number(expectation, valid)));

    /// <summary>A number greater than zero.</summary>
    public static SpecField Positive(string name, string doc, double? @default = null) => Number(name, doc, @default, "a positive number", d => d > 0);

    /// <summary>A number no smaller than zero.</summary>
    public static SpecField NonNegative(string name, string doc, double? @default = null) => Number(name, doc, @default, "a non-negative number", d => d >= 0);

    /// <summary>A number in [0, 1).</summary>
    public static SpecField Fraction(string name, string doc, double? @default = null) => Number(name, doc, @default, "a number in [0, 1)", d => d is >= 0 and < 1);

    /// <summary>true or false.</summary>
    public static SpecField Bool(string name, string doc, bool? @default = null) =>
        new(name, doc, @default is bool d ? JsonValue.Create(d) : null, null, (n, _) => JsonValue.Create(n.Bool()));

    /// <summary>One of <paramref name="choices"/> (case-insensitive, stored in the choices' spelling).</summary>
    public static SpecField Choice(string name, string doc, IReadOnlyList<string> choices, string? @default = null) =>
        new(name, doc, @default is null ? null : JsonValue.Create(@default), null, (n, _) => JsonValue.Create(n.Choice(name, choices)));

    /// <summary>A string.</summary>
    public static SpecField Text(string name, string doc, string? @default = null) =>
        new(name, doc, @default is null ? null : JsonValue.Create(@default), null, (n, _) => JsonValue.Create(n.String()));

    /// <summary>A file or folder path; a relative one resolves against the spec's folder.</summary>
    public static SpecField FilePath(string name, string doc) =>
        new(name, doc, null, null, (n, baseFolder) => JsonValue.Create(Resolve(n.String(), baseFolder)));

    /// <summary>A value checked by <paramref name="read"/>, for fields of their own shape (a padding, a column, a nested schedule).</summary>
    public static SpecField Custom(string name, string doc, string? defaultText, Func<SpecNode, string?, JsonNode> read, JsonNode? @default = null) =>
        new(name, doc, @default, defaultText, read);

    /// <summary>The value as parsed JSON, so a number reads back as int or double alike.</summary>
    private static JsonNode? Canonical(JsonNode? value) => value is null ? null : JsonNode.Parse(value.ToJsonString());

    /// <summary>A number as docs write it: <c>0.001</c>, <c>1e-8</c>.</summary>
    public static string Format(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? text : $"{text[..e]}e{int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture)}";
    }

    /// <summary>A path relative to the spec's folder, made absolute; absolute paths pass through, and nothing changes without a folder.</summary>
    public static string Resolve(string path, string? baseFolder) =>
        baseFolder is null || System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseFolder, path));
}
