using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>Parses <c>--param PATH=DIST</c> options into a search space, and writes sampled values into a spec's JSON.</summary>
internal static partial class SearchParameters
{
    /// <summary>The search space; with no parameters, α log-uniform over [α/10, 10α] around the spec's learning rate.</summary>
    public static SearchSpace Parse(IReadOnlyList<string> parameters, double learningRate)
    {
        var space = new SearchSpace();
        if (parameters.Count == 0) return space.Add("optimizer.learning_rate", new LogUniform(learningRate / 10, learningRate * 10));
        foreach (var p in parameters)
        {
            int eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new CliException($"--param {p}: expected PATH=DIST, e.g. optimizer.learning_rate=log:1e-4:1e-1.");
            space.Add(p[..eq], Dimension(p[..eq], p[(eq + 1)..]));
        }
        return space;
    }

    private static SearchDimension Dimension(string path, string text)
    {
        var parts = text.Split(':');
        string kind = parts[0];
        if (kind == "choice")
        {
            if (parts.Length != 2) throw new CliException($"--param {path}: choice takes choice:A|B|C.");
            return new Choice<string>(parts[1].Split('|'));
        }
        if (parts.Length != 3) throw new CliException($"--param {path}: expected {kind}:LO:HI but got '{text}'.");
        double Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new CliException($"--param {path}: '{s}' is not a number.");
        double lo = Number(parts[1]), hi = Number(parts[2]);
        try
        {
            return kind switch
            {
                "log" => new LogUniform(lo, hi),
                "uniform" => new Uniform(lo, hi),
                "beta" => new OneMinusLogUniform(lo, hi),
                "int" => new IntRange((int)lo, (int)hi),
                _ => throw new CliException($"--param {path}: unknown distribution '{kind}' (expected log, uniform, beta, int or choice)."),
            };
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--param {path}: {e.Message}");
        }
    }

    /// <summary>Sets the field at a path such as <c>model.layers[0].units</c>, creating objects on the way.</summary>
    public static void Set(JsonObject root, string path, object value)
    {
        JsonNode node = root;
        var segments = path.Split('.');
        for (int s = 0; s < segments.Length; s++)
        {
            var match = SegmentPattern().Match(segments[s]);
            if (!match.Success) throw new CliException($"--param {path}: cannot read segment '{segments[s]}'.");
            string name = match.Groups[1].Value;
            bool last = s == segments.Length - 1 && !match.Groups[2].Success;
            var obj = node as JsonObject ?? throw new CliException($"--param {path}: '{name}' is not inside an object.");
            if (last)
            {
                // Through JSON text, so the binder sees the same kind of node as in a spec file.
                obj[name] = value switch
                {
                    int i => JsonNode.Parse(i.ToString(CultureInfo.InvariantCulture)),
                    double d => JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture)),
                    _ => JsonValue.Create(value.ToString()),
                };
                return;
            }
            obj[name] ??= new JsonObject();
            node = obj[name]!;
            if (match.Groups[2].Success)
            {
                int index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                var array = node as JsonArray ?? throw new CliException($"--param {path}: '{name}' is not a list.");
                if (index >= array.Count) throw new CliException($"--param {path}: '{name}' has {array.Count} entries, no [{index}].");
                node = array[index]!;
                if (s == segments.Length - 1) throw new CliException($"--param {path}: name a field of {name}[{index}].");
            }
        }
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")]
    private static partial Regex SegmentPattern();
}
