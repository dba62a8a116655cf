using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Writes a <see cref="RunSpec"/> as JSON that <see cref="SpecReader"/> reads back to an equal spec (for <c>tune</c>'s best
/// spec and the copy kept in a run folder). Every field is written, defaults included, so the file documents the run.
/// </summary>
internal static class SpecWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="spec"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>), creating its folder.</summary>
    public static void WriteJson(RunSpec spec, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        byte[] bytes = new UTF8Encoding(false).GetBytes(ToJson(spec) + "\n");
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The spec as indented JSON text.</summary>
    public static string ToJson(RunSpec spec) => ToNode(spec).ToJsonString(Indented);

    /// <summary>The spec as a JSON tree, with the field names of the spec format.</summary>
    public static JsonObject ToNode(RunSpec spec)
    {
        var root = new JsonObject
        {
            ["name"] = spec.Name,
            ["model"] = Model(spec.Model),
            ["data"] = Data(spec.Data),
        };
        Put(root, "loss", spec.Loss);
        root["optimizer"] = SpecKind.Write(spec.Optimizer, "name");
        if (spec.Schedule is not null) root["schedule"] = Schedule(spec.Schedule);
        if (spec.Regularization is { } r)
            root["regularization"] = Compact(new JsonObject { ["l2"] = r.L2, ["l1"] = r.L1 });
        root["batch_size"] = spec.BatchSize is int b ? b : "all";
        if (spec.Iterations is int iterations) root["iterations"] = iterations;
        else Put(root, "epochs", spec.Epochs);
        root["seed"] = spec.Seed;
        root["shuffle"] = spec.Shuffle;
        root["shuffle_rng"] = spec.ShuffleRng;
        root["dtype"] = spec.DType;
        Put(root, "initial_parameters", spec.InitialParameters);
        if (spec.Metrics is not null) root["metrics"] = new JsonArray([.. spec.Metrics.Select(m => (JsonNode?)m)]);
        Put(root, "monitor", spec.Monitor);
        if (spec.EarlyStoppingPatience is int patience) root["early_stopping"] = new JsonObject { ["patience"] = patience };
        Put(root, "log_every", spec.LogEvery);
        Put(root, "human_error", spec.HumanError);
        Put(root, "optimize", spec.Optimize);
        if (spec.Satisfy is not null)
            root["satisfy"] = new JsonArray([.. spec.Satisfy.Select(c => (JsonNode?)(c.Metric + (c.AtMost ? " <= " : " >= ") + c.Limit.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))]);
        Put(root, "tensorboard", spec.Tensorboard);
        return root;
    }

    private static void Put(JsonObject o, string name, JsonNode? value)
    {
        if (value is not null) o[name] = value;
    }

    /// <summary>Drops null fields.</summary>
    private static JsonObject Compact(JsonObject o)
    {
        foreach (string key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
        return o;
    }

    private static JsonObject Model(ModelSpec m)
    {
        var o = m.Zoo is { } zoo ? SpecKind.Write(zoo, "zoo") : new JsonObject { ["layers"] = new JsonArray([.. m.Layers.Select(Typed)]) };
        o["init_seed"] = m.InitSeed;
        o["init_rng"] = m.InitRng;
        return o;
    }

    /// <summary>A layer or augmentation: its name alone when no field is given, else <c>{"type": …, fields…}</c>.</summary>
    private static JsonNode Typed(SpecSettings s) => s.Given.Any() ? SpecKind.Write(s) : JsonValue.Create(s.Type);

    private static JsonObject Data(DataSpec d)
    {
        var o = SpecKind.Write(d.Source, "dataset");
        o["dev"] = d.Dev;
        o["train_dev"] = d.TrainDev;
        o["test"] = d.Test;
        o["split_seed"] = d.SplitSeed;
        o["standardize"] = d.Standardize;
        o["layout"] = d.Layout;
        if (d.Augment.Count > 0) o["augment"] = new JsonArray([.. d.Augment.Select(Typed)]);
        if (d.Shift is not null) o["shift"] = Typed(d.Shift);
        if (d.Synthesize > 0) o["synthesize"] = d.Synthesize;
        if (d.NonFinite != NonFiniteHandling.Error) o["non_finite"] = d.NonFinite.ToString().ToLowerInvariant();
        return o;
    }

    private static JsonObject Schedule(ScheduleSpec s)
    {
        var o = SpecKind.Write(s.Settings);
        o["per"] = s.Per;
        return o;
    }
}
