using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Reads a run spec from a .json, .yaml or .yml file, or by the name of a built-in spec (the files of
/// <c>examples/specs/</c>, embedded in the CLI), so <c>dendrite train planar</c> works from any folder.
/// </summary>
internal static class SpecReader
{
    private const string ResourcePrefix = "specs/";

    /// <summary>The names of the built-in specs (file names without extension), sorted.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(SpecReader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]))
            .Order(StringComparer.Ordinal)];

    /// <summary>Reads a spec file, or the built-in spec named <paramref name="pathOrBuiltInName"/>.</summary>
    /// <exception cref="CliException">The file is missing or invalid; the message names the field, the value and what was expected.</exception>
    public static RunSpec Read(string pathOrBuiltInName)
    {
        ArgumentNullException.ThrowIfNull(pathOrBuiltInName);
        if (File.Exists(pathOrBuiltInName))
        {
            string full = Path.GetFullPath(pathOrBuiltInName);
            return Parse(File.ReadAllText(full), pathOrBuiltInName, Path.GetDirectoryName(full));
        }
        if (FindBuiltIn(pathOrBuiltInName) is { } resource)
        {
            using var stream = typeof(SpecReader).Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Parse(reader.ReadToEnd(), resource[ResourcePrefix.Length..], baseFolder: null);
        }
        throw new CliException($"spec file {pathOrBuiltInName} not found (looked for {Path.GetFullPath(pathOrBuiltInName)}); " +
                               $"built-in specs: {string.Join(", ", BuiltInNames)}");
    }

    /// <summary>Parses spec text; the format follows <paramref name="source"/>'s extension (.yaml/.yml or JSON).</summary>
    /// <param name="text">The spec.</param>
    /// <param name="source">The file name, for messages, the format and the default run name.</param>
    /// <param name="baseFolder">The folder relative data and parameter paths are resolved against; null keeps them as written.</param>
    public static RunSpec Parse(string text, string source, string? baseFolder)
    {
        string extension = Path.GetExtension(source).ToLowerInvariant();
        var root = extension is ".yaml" or ".yml" ? YamlToJson.Parse(text, source) : ParseJson(text, source);
        try
        {
            return SpecBinder.Bind(root, Path.GetFileName(source), Path.GetFileNameWithoutExtension(source), baseFolder);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            // A \ud800 escape parses as JSON but is no text: the string cannot be read when a field is bound.
            throw new CliException($"{source}: a string holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair); expected valid Unicode text");
        }
    }

    private static JsonNode? ParseJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $"line {line + 1}, column {e.BytePositionInLine + 1}: " : "";
            throw new CliException($"{source}: {where}invalid JSON: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
        catch (ArgumentException e) // text that is not valid UTF-16 (a lone surrogate) cannot be transcoded for the parser
        {
            throw new CliException($"{source}: invalid JSON: the text is not valid Unicode ({e.Message.Split('.')[0]})");
        }
    }

    private static string? FindBuiltIn(string name)
    {
        if (name.IndexOfAny(['/', '\\']) >= 0) return null;
        string stem = Path.GetExtension(name).ToLowerInvariant() is ".json" or ".yaml" or ".yml" ? Path.GetFileNameWithoutExtension(name) : name;
        return typeof(SpecReader).Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                              && string.Equals(Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]), stem, StringComparison.OrdinalIgnoreCase));
    }
}
