using System.Globalization;
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
            ["model"] = new JsonObject
            {
                ["layers"] = new JsonArray([.. spec.Model.Layers.Select(Layer)]),
                ["init_seed"] = spec.Model.InitSeed,
                ["init_rng"] = spec.Model.InitRng,
            },
            ["data"] = Data(spec.Data),
        };
        Put(root, "loss", spec.Loss);
        root["optimizer"] = Optimizer(spec.Optimizer);
        if (spec.Schedule is not null) root["schedule"] = Schedule(spec.Schedule, outermost: true);
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

    private static JsonNode Layer(LayerSpec l) => Compact(new JsonObject
    {
        ["type"] = l.Type, ["units"] = l.Units, ["bias"] = l.Bias, ["init"] = l.Init, ["slope"] = l.Slope, ["p"] = l.P,
        ["keep_prob"] = l.KeepProb, ["seed"] = l.Seed, ["momentum"] = l.Momentum, ["epsilon"] = l.Epsilon,
    });

    private static JsonObject Data(DataSpec d) => Compact(new JsonObject
    {
        ["dataset"] = d.Dataset, ["count"] = d.Count, ["noise"] = d.Noise, ["seed"] = d.Seed, ["classes"] = d.Classes,
        ["path"] = d.Path, ["folder"] = d.Folder,
        ["label"] = d.Label is null ? null
            : int.TryParse(d.Label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index) ? index : d.Label,
        ["header"] = d.Header switch { null => null, "true" => true, "false" => false, string h => h },
        ["classification"] = d.Classification, ["x"] = d.X, ["y"] = d.Y,
        ["dev"] = d.Dev, ["test"] = d.Test, ["split_seed"] = d.SplitSeed, ["standardize"] = d.Standardize,
    });

    private static JsonObject Optimizer(OptimizerSpec o) => Compact(new JsonObject
    {
        ["name"] = o.Name, ["learning_rate"] = o.LearningRate, ["momentum"] = o.Momentum, ["beta"] = o.Beta, ["beta1"] = o.Beta1,
        ["beta2"] = o.Beta2, ["epsilon"] = o.Epsilon, ["weight_decay"] = o.WeightDecay,
    });

    private static JsonObject Schedule(ScheduleSpec s, bool outermost)
    {
        var o = Compact(new JsonObject
        {
            ["type"] = s.Type, ["decay_rate"] = s.DecayRate, ["interval"] = s.Interval, ["base"] = s.Base, ["step"] = s.Step,
            ["gamma"] = s.Gamma, ["period"] = s.Period, ["minimum"] = s.Minimum, ["steps"] = s.Steps,
        });
        if (s.Then is not null) o["then"] = Schedule(s.Then, outermost: false);
        if (outermost) o["per"] = s.Per;
        return o;
    }
}
