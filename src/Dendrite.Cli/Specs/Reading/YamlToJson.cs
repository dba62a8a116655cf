using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Converts YAML (through YamlDotNet's representation model, no reflection) to a <see cref="JsonNode"/> tree, so YAML and
/// JSON specs share one binder. Plain scalars follow YAML 1.2's core schema: null, true/false, integers and floats;
/// quoted scalars are always strings.
/// </summary>
internal static class YamlToJson
{
    /// <summary>Parses <paramref name="text"/>; an empty document gives null.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="source">The file name for error messages.</param>
    public static JsonNode? Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            CheckLimits(text, source);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliException($"{source}: line {e.Start.Line}, column {e.Start.Column}: invalid YAML: {Inner(e).Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CliException($"{source}: invalid YAML: {Inner(e).Message}");
        }
        if (stream.Documents.Count > 1) throw new CliException($"{source}: expected one YAML document but found {stream.Documents.Count}");
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, source);
    }

    /// <summary>Deepest nesting of mappings and sequences a spec may have (real specs need 4 or 5).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most YAML nodes in a spec.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>
    /// Walks the parser's events (an iterative state machine, so no depth can overflow the stack) before anything is
    /// built: nesting past <see cref="MaxDepth"/>, more than <see cref="MaxNodes"/> nodes or any alias is an error that
    /// names its line — aliases are refused before they are expanded, so an alias bomb costs nothing.
    /// </summary>
    private static void CheckLimits(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0, nodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    throw new CliException($"{source}: line {alias.Start.Line}: the alias *{alias.Value} is not supported in specs (write the value out)");
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    throw new CliException($"{source}: line {parser.Current.Start.Line}: nested more than {MaxDepth} levels deep; a spec needs a handful");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
            if (parser.Current is NodeEvent && ++nodes > MaxNodes)
                throw new CliException($"{source}: line {parser.Current.Start.Line}: more than {MaxNodes:N0} YAML nodes; a spec needs a few dozen");
        }
    }

    private static Exception Inner(Exception e) => e.InnerException is { } inner ? Inner(inner) : e;

    private static JsonNode? Convert(YamlNode node, string source)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    string name = key is YamlScalarNode { Value: { } k } ? k
                        : throw new CliException($"{source}: line {key.Start.Line}: expected a field name but got a {key.NodeType}");
                    if (obj.ContainsKey(name)) throw new CliException($"{source}: line {key.Start.Line}: the field \"{name}\" appears twice");
                    obj[name] = Convert(value, source);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(Convert(item, source));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new CliException($"{source}: line {node.Start.Line}: aliases and other YAML node kinds are not supported in specs");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        // Numbers go through the JSON parser so they behave exactly like numbers read from a JSON spec.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
        if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
            return JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }

    /// <summary>Digits, an optional sign, point and exponent only: "Infinity" and "NaN" stay strings.</summary>
    private static bool LooksNumeric(string text) => text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-');
}
