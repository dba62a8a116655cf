using System.Globalization;
using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Binds a parsed spec (a <see cref="JsonNode"/> tree, from JSON or converted from YAML) to a <see cref="RunSpec"/> by
/// hand, without reflection (NativeAOT-safe); every error names the field path, the value and what was expected.
/// </summary>
internal static class SpecBinder
{
    private static readonly string[] TopFields =
    [
        "name", "model", "data", "loss", "optimizer", "schedule", "regularization", "batch_size", "epochs", "iterations",
        "seed", "shuffle", "shuffle_rng", "dtype", "initial_parameters", "metrics", "monitor", "early_stopping", "log_every",
    ];

    /// <summary>Binds <paramref name="root"/>.</summary>
    /// <param name="root">The parsed document.</param>
    /// <param name="source">The spec's name for messages, e.g. <c>spec.json</c>.</param>
    /// <param name="defaultName">The run name when the spec gives none.</param>
    /// <param name="baseFolder">The folder relative paths are resolved against; null keeps them as written.</param>
    public static RunSpec Bind(JsonNode? root, string source, string defaultName, string? baseFolder)
    {
        var spec = new SpecNode(source, "", root);
        if (root is not JsonObject) throw spec.Error($"expected an object of run settings at the top level but got {SpecNode.Describe(root)}");
        spec.RejectUnknown(TopFields);
        if (spec.Has("epochs") && spec.Has("iterations"))
            throw spec.Field("iterations").Error("give either epochs or iterations, not both");
        return new RunSpec
        {
            Name = spec.Field("name").StringOrNull() ?? defaultName,
            Model = BindModel(spec.Field("model")),
            Data = BindData(spec.Field("data"), baseFolder),
            Loss = spec.Field("loss").ChoiceOrNull("loss", RunSpec.Losses),
            Optimizer = BindOptimizer(spec.Field("optimizer")),
            Schedule = spec.Field("schedule") is { IsNull: false } s ? BindSchedule(s, outermost: true) : null,
            Regularization = BindRegularization(spec.Field("regularization")),
            BatchSize = BindBatchSize(spec.Field("batch_size")),
            Epochs = spec.Field("epochs").IntOrNull(1),
            Iterations = spec.Field("iterations").IntOrNull(1),
            Seed = spec.Field("seed").IntOrNull() ?? 0,
            Shuffle = spec.Field("shuffle").BoolOrNull() ?? true,
            ShuffleRng = spec.Field("shuffle_rng").ChoiceOrNull("shuffle_rng", ["dotnet", "numpy"]) ?? "dotnet",
            DType = spec.Field("dtype").ChoiceOrNull("dtype", ["float32", "float64"]) ?? "float32",
            InitialParameters = Resolve(spec.Field("initial_parameters").StringOrNull(), baseFolder),
            Metrics = spec.Field("metrics") is { IsNull: false } m ? BindMetrics(m) : null,
            Monitor = spec.Field("monitor").StringOrNull(),
            EarlyStoppingPatience = BindEarlyStopping(spec.Field("early_stopping")),
            LogEvery = spec.Field("log_every").IntOrNull(1),
        };
    }

    /// <summary>A path relative to the spec's folder, made absolute; absolute paths and null pass through.</summary>
    private static string? Resolve(string? path, string? baseFolder) =>
        path is null || baseFolder is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseFolder, path));

    private static ModelSpec BindModel(SpecNode node)
    {
        if (node.IsNull) throw node.Error("missing: the spec needs a model with a list of layers");
        node.RejectUnknown(["layers", "init_seed", "init_rng"]);
        var layers = node.Field("layers");
        if (layers.IsNull) throw layers.Error("missing: expected a list of layers, e.g. [{\"type\": \"dense\", \"units\": 4}, \"tanh\"]");
        var items = layers.Items();
        if (items.Count == 0) throw layers.Expected("at least one layer");
        return new ModelSpec
        {
            Layers = new ValueList<LayerSpec>(items.Select(BindLayer)),
            InitSeed = node.Field("init_seed").IntOrNull() ?? 0,
            InitRng = node.Field("init_rng").ChoiceOrNull("init_rng", ["numpy", "dotnet"]) ?? "dotnet",
        };
    }

    private static LayerSpec BindLayer(SpecNode node)
    {
        if (node.IsString) return new LayerSpec(RequireFieldless(node, node.Choice("layer", LayerSpec.Types)));
        string type = node.Field("type").Choice("layer", LayerSpec.Types);
        string[] fields = type switch
        {
            "dense" => ["type", "units", "bias", "init"],
            "leaky_relu" => ["type", "slope"],
            "dropout" => ["type", "p", "keep_prob", "seed"],
            "batchnorm" => ["type", "momentum", "epsilon"],
            "normalization" => ["type", "epsilon"],
            _ => ["type"],
        };
        node.RejectUnknown(fields, $"layer {type}");
        if (type == "dense" && !node.Has("units")) throw node.Field("units").Error("missing: a dense layer needs its number of units");
        if (node.Has("p") && node.Has("keep_prob")) throw node.Field("keep_prob").Error("give either p or keep_prob, not both");
        return new LayerSpec(type)
        {
            Units = node.Field("units").IntOrNull(1),
            Bias = node.Field("bias").BoolOrNull(),
            Init = node.Field("init").ChoiceOrNull("initializer", LayerSpec.Initializers),
            Slope = node.Field("slope").NumberOrNull(),
            P = node.Field("p").FractionOrNull(),
            KeepProb = node.Field("keep_prob").NumberOrNull("a number in (0, 1]", d => d is > 0 and <= 1),
            Seed = node.Field("seed").IntOrNull(),
            Momentum = node.Field("momentum").NumberOrNull("a number in [0, 1]", d => d is >= 0 and <= 1),
            Epsilon = node.Field("epsilon").PositiveOrNull(),
        };
    }

    private static string RequireFieldless(SpecNode node, string type) =>
        type == "dense" ? throw node.Error("a dense layer needs its number of units: write {\"type\": \"dense\", \"units\": N}") : type;

    private static DataSpec BindData(SpecNode node, string? baseFolder)
    {
        if (node.IsNull) throw node.Error($"missing: the spec needs a data section naming a dataset (one of: {string.Join(", ", DataSpec.Datasets)})");
        if (node.IsString) node = new SpecNode(node.Source, node.Path, new JsonObject { ["dataset"] = node.String() });
        string dataset = node.Field("dataset").Choice("dataset", DataSpec.Datasets);
        string[] own = dataset switch
        {
            "planar" => ["seed"],
            "moons" or "circles" or "xor" => ["count", "noise", "seed"],
            "spirals" or "blobs" => ["count", "noise", "seed", "classes"],
            "mnist" or "fashion-mnist" or "catvnoncat" or "football" => ["folder"],
            "csv" => ["path", "label", "header", "classification"],
            "npz" => ["path", "x", "y"],
            _ => ["path", "y"],
        };
        node.RejectUnknown([.. own, "dataset", "dev", "test", "split_seed", "standardize"], $"dataset {dataset}");
        if (dataset is "csv" or "npz" or "npy" && !node.Has("path")) throw node.Field("path").Error($"missing: a {dataset} dataset needs the path of its file");
        if (dataset == "npy" && !node.Has("y")) throw node.Field("y").Error("missing: an npy dataset needs y, the path of the targets file");
        var dev = node.Field("dev");
        var test = node.Field("test");
        double devFraction = dev.FractionOrNull() ?? 0, testFraction = test.FractionOrNull() ?? 0;
        if (devFraction + testFraction >= 1) throw test.Error($"dev + test is {devFraction + testFraction}; expected less than 1, leaving examples to train on");
        if (testFraction > 0 && dataset is "mnist" or "fashion-mnist" or "catvnoncat" or "football")
            throw test.Error($"{dataset} has its own test set; expected 0 or no test fraction");
        return new DataSpec(dataset)
        {
            Count = node.Field("count").IntOrNull(1),
            Noise = node.Field("noise").NumberOrNull("a non-negative number", d => d >= 0),
            Seed = node.Field("seed").IntOrNull(),
            Classes = node.Field("classes").IntOrNull(1),
            Path = Resolve(node.Field("path").StringOrNull(), baseFolder),
            Folder = Resolve(node.Field("folder").StringOrNull(), baseFolder),
            Label = BindLabel(node.Field("label")),
            Header = BindHeader(node.Field("header")),
            Classification = node.Field("classification").BoolOrNull(),
            X = node.Field("x").StringOrNull(),
            Y = dataset == "npy" ? Resolve(node.Field("y").StringOrNull(), baseFolder) : node.Field("y").StringOrNull(),
            Dev = devFraction,
            Test = testFraction,
            SplitSeed = node.Field("split_seed").IntOrNull() ?? 0,
            Standardize = node.Field("standardize").BoolOrNull() ?? false,
        };
    }

    private static string? BindLabel(SpecNode node) =>
        node.IsNull ? null : node.IsString ? node.String() : node.Int().ToString(CultureInfo.InvariantCulture);

    private static string? BindHeader(SpecNode node)
    {
        if (node.IsNull) return null;
        if (node.Node is JsonValue v && v.TryGetValue(out bool b)) return b ? "true" : "false";
        return node.IsString ? node.Choice("header", ["auto", "true", "false", "sklearn"]) : throw node.Expected("auto, true, false or sklearn");
    }

    private static OptimizerSpec BindOptimizer(SpecNode node)
    {
        if (node.IsNull) return new OptimizerSpec();
        if (node.IsString) return new OptimizerSpec(node.Choice("optimizer", OptimizerSpec.Names));
        string name = node.Field("name").IsNull ? "adam" : node.Field("name").Choice("optimizer", OptimizerSpec.Names);
        string[] own = name switch
        {
            "sgd" => ["momentum"],
            "momentum" or "nesterov" => ["momentum", "beta"],
            "rmsprop" => ["beta", "epsilon"],
            "adam" => ["beta1", "beta2", "epsilon"],
            "adamw" => ["beta1", "beta2", "epsilon", "weight_decay"],
            _ => ["epsilon"],
        };
        node.RejectUnknown([.. own, "name", "learning_rate"], $"optimizer {name}");
        double? momentum = node.Field("momentum").NumberOrNull("a number in [0, 1)", d => d is >= 0 and < 1);
        double? beta = node.Field("beta").NumberOrNull("a number in [0, 1)", d => d is >= 0 and < 1);
        if (name is "momentum" or "nesterov" && beta is not null)
        {
            if (momentum is not null) throw node.Field("beta").Error("give either momentum or beta (the same β), not both");
            (momentum, beta) = (beta, null);
        }
        return new OptimizerSpec(name)
        {
            LearningRate = node.Field("learning_rate").PositiveOrNull(),
            Momentum = momentum,
            Beta = beta,
            Beta1 = node.Field("beta1").NumberOrNull("a number in [0, 1)", d => d is >= 0 and < 1),
            Beta2 = node.Field("beta2").NumberOrNull("a number in [0, 1)", d => d is >= 0 and < 1),
            Epsilon = node.Field("epsilon").PositiveOrNull(),
            WeightDecay = node.Field("weight_decay").NonNegativeOrNull(),
        };
    }

    private static ScheduleSpec BindSchedule(SpecNode node, bool outermost)
    {
        if (node.IsString) node = new SpecNode(node.Source, node.Path, new JsonObject { ["type"] = node.String() });
        string type = node.Field("type").Choice("schedule", ScheduleSpec.Types);
        string[] own = type switch
        {
            "inverse_time" => ["decay_rate", "interval"],
            "exponential" => ["base"],
            "step" => ["step", "gamma"],
            "cosine" => ["period", "minimum"],
            _ => ["steps", "then"],
        };
        node.RejectUnknown(outermost ? [.. own, "type", "per"] : [.. own, "type"], $"schedule {type}" + (outermost ? "" : " (per is set on the outermost schedule)"));
        foreach (string required in (string[])(type switch { "step" => ["step"], "cosine" => ["period"], "warmup" => ["steps"], _ => [] }))
            if (!node.Has(required)) throw node.Field(required).Error($"missing: a {type} schedule needs {required}");
        return new ScheduleSpec(type)
        {
            DecayRate = node.Field("decay_rate").NonNegativeOrNull(),
            Interval = node.Field("interval").IntOrNull(1),
            Base = node.Field("base").NumberOrNull("a number in (0, 1]", d => d is > 0 and <= 1),
            Step = node.Field("step").IntOrNull(1),
            Gamma = node.Field("gamma").PositiveOrNull(),
            Period = node.Field("period").IntOrNull(1),
            Minimum = node.Field("minimum").NonNegativeOrNull(),
            Steps = node.Field("steps").IntOrNull(1),
            Then = node.Field("then") is { IsNull: false } then ? BindSchedule(then, outermost: false) : null,
            Per = outermost ? node.Field("per").ChoiceOrNull("schedule unit", ["epoch", "step"]) ?? "epoch" : "epoch",
        };
    }

    private static RegularizationSpec? BindRegularization(SpecNode node)
    {
        if (node.IsNull) return null;
        node.RejectUnknown(["l2", "l1"]);
        if (node.Has("l2") && node.Has("l1")) throw node.Field("l1").Error("give either l2 or l1, not both");
        var spec = new RegularizationSpec { L2 = node.Field("l2").NonNegativeOrNull(), L1 = node.Field("l1").NonNegativeOrNull() };
        return spec.L2 is null && spec.L1 is null ? null : spec;
    }

    private static int? BindBatchSize(SpecNode node)
    {
        if (node.IsNull) return 32;
        if (node.IsString)
            return string.Equals(node.String(), "all", StringComparison.OrdinalIgnoreCase) ? null : throw node.Expected("a positive integer or \"all\"");
        return node.Node is JsonValue v && v.TryGetValue(out double d) && d >= 1 && d == Math.Floor(d) && d <= int.MaxValue
            ? (int)d : throw node.Expected("a positive integer or \"all\"");
    }

    private static ValueList<string> BindMetrics(SpecNode node)
    {
        var names = node.IsString ? [node.String()] : node.Items().Select(i => i.String()).ToList();
        var items = node.IsString ? [node] : node.Items();
        for (int i = 0; i < names.Count; i++)
            items[i].Choice("metric", Training.Metrics.Names);
        return new ValueList<string>(names.Select(n => n.Trim().ToLowerInvariant()));
    }

    private static int? BindEarlyStopping(SpecNode node)
    {
        if (node.IsNull) return null;
        if (node.Node is JsonObject)
        {
            node.RejectUnknown(["patience"]);
            return node.Field("patience").IntOrNull(1) ?? 5;
        }
        return node.Int(1);
    }
}
