using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Bench;

/// <summary>Prints one measurement as a JSON line with the schema of peers/common.py's emit().</summary>
/// <remarks>
/// Keys in order: impl, name, config, median_s, min_s, max_s, repeats, unit_s, the throughput fields
/// (work per unit ÷ median, rounded to 3 places), load {foreign, steal}, env.
/// </remarks>
internal static class JsonLine
{
    /// <summary>Writes the line for <paramref name="times"/> to standard output.</summary>
    public static void Emit(string name, IReadOnlyList<(string Key, object Value)> config, double[] times,
        CpuLoad load, string unit, IReadOnlyList<(string Key, double Work)> throughput)
    {
        double median = Timing.Median(times);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("impl", "csharp");
            w.WriteString("name", name);
            w.WriteStartObject("config");
            foreach ((string key, object value) in config)
            {
                if (value is string s) w.WriteString(key, s);
                else w.WriteNumber(key, Convert.ToInt64(value));
            }
            w.WriteEndObject();
            w.WriteNumber("median_s", median);
            w.WriteNumber("min_s", times.Min());
            w.WriteNumber("max_s", times.Max());
            w.WriteNumber("repeats", times.Length);
            w.WriteString("unit_s", unit);
            foreach ((string key, double work) in throughput) w.WriteNumber(key, Math.Round(work / median, 3));
            w.WriteStartObject("load");
            w.WriteNumber("foreign", load.Foreign);
            w.WriteNumber("steal", load.Steal);
            w.WriteEndObject();
            WriteEnv(w);
            w.WriteEndObject();
        }
        Console.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
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
