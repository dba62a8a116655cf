using System.Text.Json;
using Dendrite.Data;

namespace Dendrite.Cli.Runs;

/// <summary>Writes <c>metrics.json</c>: the final loss and metrics per split, e.g. <c>{"train": {"loss": 0.21, "accuracy": 0.9}}</c>.</summary>
internal static class MetricsFile
{
    public static void Write(string path, IReadOnlyList<(string Split, IReadOnlyList<KeyValuePair<string, double>> Values)> splits)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            foreach (var (split, values) in splits)
            {
                json.WriteStartObject(split);
                foreach (var (name, value) in values)
                {
                    if (double.IsFinite(value)) json.WriteNumber(name, value);
                    else json.WriteNull(name);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
    }
}
