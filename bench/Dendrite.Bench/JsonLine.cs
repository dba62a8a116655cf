using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Bench;

/// <summary>Prints one measurement as a JSON line with the schema of peers/common.py's emit().</summary>
/// <remarks>
/// Keys in order: impl, name, config, median_s, min_s, max_s, repeats, unit_s, the throughput fields
/// (work per unit ÷ median, rounded to 3 places), the extra fields, load {foreign, steal}, env, and run when
/// PEERS_RUN is set. Config values keep their JSON types as Python's json.dumps writes them: strings, integers,
/// floats (0.001), booleans and integer lists, so a line joins its peer on (name, config).
/// </remarks>
internal static class JsonLine
{
    /// <summary>Escapes only what JSON requires, so "forward+backward" stays as the peer writes it (not \u002B).</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the line for <paramref name="times"/> to standard output.</summary>
    /// <param name="name">Measurement name, as the peer spells it.</param>
    /// <param name="config">Configuration keys and values (string, int, long, double, bool or int[]).</param>
    /// <param name="times">Seconds per unit, one per timed block.</param>
    /// <param name="load">Foreign load during the timed blocks.</param>
    /// <param name="unit">What one timed unit is.</param>
    /// <param name="throughput">Key and work per unit; the line holds work ÷ median.</param>
    /// <param name="extra">Further numeric fields written as they are (e.g. fwd_median_s).</param>
    public static void Emit(string name, IReadOnlyList<(string Key, object Value)> config, double[] times,
        CpuLoad load, string unit, IReadOnlyList<(string Key, double Work)> throughput,
        IReadOnlyList<(string Key, double Value)>? extra = null)
    {
        double median = Timing.Median(times);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("impl", "csharp");
            w.WriteString("name", name);
            w.WriteStartObject("config");
            foreach ((string key, object value) in config)
            {
                w.WritePropertyName(key);
                WriteValue(w, value);
            }
            w.WriteEndObject();
            w.WriteNumber("median_s", median);
            w.WriteNumber("min_s", times.Min());
            w.WriteNumber("max_s", times.Max());
            w.WriteNumber("repeats", times.Length);
            w.WriteString("unit_s", unit);
            foreach ((string key, double work) in throughput) w.WriteNumber(key, Math.Round(work / median, 3));
            foreach ((string key, double value) in extra ?? []) w.WriteNumber(key, value);
            w.WriteStartObject("load");
            w.WriteNumber("foreign", load.Foreign);
            w.WriteNumber("steal", load.Steal);
            w.WriteEndObject();
            WriteEnv(w);
            if (int.TryParse(Environment.GetEnvironmentVariable("PEERS_RUN"), out int run)) w.WriteNumber("run", run);
            w.WriteEndObject();
        }
        Console.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>One config value with the JSON type json.dumps gives its Python counterpart.</summary>
    private static void WriteValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break; // shortest round-trip text: 0.001, 0.1
            case int[] list:
                w.WriteStartArray();
                foreach (int item in list) w.WriteNumberValue(item);
                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"JsonLine: config value {value} of type {value.GetType().Name} has no JSON form here.");
        }
    }

    private static void WriteEnv(Utf8JsonWriter w)
    {
        w.WriteStartObject("env");
        w.WriteString("dotnet", Environment.Version.ToString());
        w.WriteNumber("threads", Gemm.MaxThreads);
        w.WriteString("simd", Vector512.IsHardwareAccelerated ? "vector512"
            : Vector256.IsHardwareAccelerated ? "vector256"
            : Vector128.IsHardwareAccelerated ? "vector128" : "scalar");
        w.WriteEndObject();
    }
}
