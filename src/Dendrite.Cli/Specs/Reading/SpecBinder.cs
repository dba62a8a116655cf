using System.Text.Json.Nodes;
using Dendrite.Data;

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
        "human_error", "optimize", "satisfy", "tensorboard",
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
            Model = BindModel(spec.Field("model"), baseFolder),
            Data = BindData(spec.Field("data"), baseFolder),
            Loss = spec.Field("loss").ChoiceOrNull("loss", RunSpec.Losses),
            Optimizer = BindOptimizer(spec.Field("optimizer")),
            Schedule = spec.Field("schedule") is { IsNull: false } s ? BindSchedule(s, baseFolder) : null,
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
            HumanError = spec.Field("human_error").FractionOrNull(inclusive: true),
            Optimize = spec.Field("optimize") is { IsNull: false } o ? o.Choice("optimize", [.. Training.Metrics.Names, "loss"]).Trim().ToLowerInvariant() : null,
            Satisfy = spec.Field("satisfy") is { IsNull: false } constraints ? BindSatisfy(constraints) : null,
            Tensorboard = Resolve(spec.Field("tensorboard").StringOrNull(), baseFolder),
        };
    }

    private static string? Resolve(string? path, string? baseFolder) => path is null ? null : SpecField.Resolve(path, baseFolder);

    private static ModelSpec BindModel(SpecNode node, string? baseFolder)
    {
        if (node.IsNull) throw node.Error("missing: the spec needs a model with a list of layers, or a zoo model");
        string[] common = ["init_seed", "init_rng"];
        int initSeed = node.Field("init_seed").IntOrNull() ?? 0;
        string initRng = node.Field("init_rng").ChoiceOrNull("init_rng", ["numpy", "dotnet"]) ?? "dotnet";
        if (node.Has("zoo"))
        {
            if (node.Has("layers")) throw node.Field("layers").Error("give either layers or zoo, not both");
            var kind = ZooKinds.Table.Choose(node.Field("zoo"));
            return new ModelSpec { Zoo = kind.Bind(node, baseFolder, ["zoo", .. common], $"zoo model {kind.Name}"), InitSeed = initSeed, InitRng = initRng };
        }
        node.RejectUnknown(["layers", "zoo", .. common]);
        var layers = node.Field("layers");
        if (layers.IsNull) throw layers.Error("missing: expected a list of layers, e.g. [{\"type\": \"dense\", \"units\": 4}, \"tanh\"], or a zoo model, e.g. \"zoo\": \"resnet20\"");
        var items = layers.Items();
        if (items.Count == 0) throw layers.Expected("at least one layer");
        return new ModelSpec { Layers = new ValueList<SpecSettings>(items.Select(i => BindLayer(i, baseFolder))), InitSeed = initSeed, InitRng = initRng };
    }

    /// <summary>A layer written as <c>{"type": NAME, fields…}</c>, or as its name alone when it needs no fields.</summary>
    private static SpecSettings BindLayer(SpecNode node, string? baseFolder)
    {
        if (node.IsString)
        {
            var named = LayerKinds.Table.Choose(node);
            if (named.Fields.FirstOrDefault(f => f.Required) is { } required)
                throw node.Error($"a {named.Name} layer needs {required.Name} ({required.Doc}): write {{\"type\": \"{named.Name}\", \"{required.Name}\": …}}");
            return new SpecSettings(named);
        }
        var kind = LayerKinds.Table.Choose(node.Field("type"));
        return kind.Bind(node, baseFolder, ["type"], $"layer {kind.Name}");
    }

    private static DataSpec BindData(SpecNode node, string? baseFolder)
    {
        if (node.IsNull) throw node.Error($"missing: the spec needs a data section naming a dataset (one of: {string.Join(", ", DatasetKinds.Table.Names)})");
        if (node.IsString) node = new SpecNode(node.Source, node.Path, new JsonObject { ["dataset"] = node.String() });
        var kind = DatasetKinds.Table.Choose(node.Field("dataset"));
        var source = kind.Bind(node, baseFolder, ["dataset", "dev", "train_dev", "test", "split_seed", "standardize", "layout", "augment", "shift", "synthesize", "non_finite"], $"dataset {kind.Name}");
        var dev = node.Field("dev");
        var test = node.Field("test");
        var trainDev = node.Field("train_dev");
        double devFraction = dev.FractionOrNull() ?? 0, testFraction = test.FractionOrNull() ?? 0, trainDevFraction = trainDev.FractionOrNull() ?? 0;
        if (devFraction + testFraction + trainDevFraction >= 1)
            throw test.Error($"dev + train_dev + test is {devFraction + trainDevFraction + testFraction}; expected less than 1, leaving examples to train on");
        if (testFraction > 0 && kind.HasTestSet) throw test.Error($"{kind.Name} has its own test set; expected 0 or no test fraction");
        string layout = node.Field("layout").ChoiceOrNull("layout", ["flat", "image"]) ?? kind.DefaultLayout;
        var augment = node.Field("augment");
        var transforms = augment.IsNull ? [] : augment.Items().Select(BindAugmentation).ToList();
        if (transforms.Count > 0 && layout != "image") throw augment.Error("augmentations transform images; expected data.layout image");
        var shiftNode = node.Field("shift");
        var shift = shiftNode.IsNull ? null : BindAugmentation(shiftNode);
        if (shift is not null && layout != "image") throw shiftNode.Error("a shift transforms images; expected data.layout image");
        var synthesizeNode = node.Field("synthesize");
        double synthesize = synthesizeNode.FractionOrNull(inclusive: true) ?? 0;
        if (synthesize > 0 && shift is null) throw synthesizeNode.Error("synthesize gives training images the dev set's shift; expected a data.shift");
        return new DataSpec(source)
        {
            Dev = devFraction,
            TrainDev = trainDevFraction,
            Test = testFraction,
            SplitSeed = node.Field("split_seed").IntOrNull() ?? 0,
            Standardize = node.Field("standardize").BoolOrNull() ?? false,
            Layout = layout,
            Augment = new ValueList<SpecSettings>(transforms),
            Shift = shift,
            Synthesize = synthesize,
            NonFinite = node.Field("non_finite").ChoiceOrNull("non_finite", ["error", "drop", "allow"]) switch
            {
                "drop" => NonFiniteHandling.Drop,
                "allow" => NonFiniteHandling.Allow,
                _ => NonFiniteHandling.Error,
            },
        };
    }

    private static SpecSettings BindAugmentation(SpecNode node)
    {
        if (node.IsString) node = new SpecNode(node.Source, node.Path, new JsonObject { ["type"] = node.String() });
        var kind = AugmentationKinds.Table.Choose(node.Field("type"));
        return kind.Bind(node, null, ["type"], $"augmentation {kind.Name}");
    }

    private static SpecSettings BindOptimizer(SpecNode node)
    {
        if (node.IsNull) return OptimizerKinds.Default;
        if (node.IsString) return new SpecSettings(OptimizerKinds.Table.Choose(node));
        var kind = node.Field("name").IsNull ? OptimizerKinds.Table.Get("adam") : OptimizerKinds.Table.Choose(node.Field("name"));
        return kind.Bind(node, null, ["name"], $"optimizer {kind.Name}");
    }

    private static ScheduleSpec BindSchedule(SpecNode node, string? baseFolder)
    {
        var settings = ScheduleSpec.BindKind(node, baseFolder, outermost: true);
        var per = node.IsString ? null : node.Field("per").ChoiceOrNull("schedule unit", ["epoch", "step"]);
        return new ScheduleSpec(settings) { Per = per ?? "epoch" };
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

    /// <summary>Constraints written as <c>NAME &lt;= LIMIT</c> or <c>NAME &gt;= LIMIT</c> (≤ and ≥ too).</summary>
    private static ValueList<Training.Satisficing> BindSatisfy(SpecNode node)
    {
        var items = node.IsString ? [node] : node.Items();
        var constraints = new List<Training.Satisficing>();
        foreach (var item in items)
        {
            string text = item.String();
            var match = System.Text.RegularExpressions.Regex.Match(text, @"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|≤|≥)\s*([-+0-9.eE]+)\s*$");
            if (!match.Success || !double.TryParse(match.Groups[3].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double limit))
                throw item.Error($"expected a constraint such as \"latency_ms <= 100\" or \"dev_recall >= 0.9\" but got \"{text}\"");
            constraints.Add(new Training.Satisficing(match.Groups[1].Value, limit, AtMost: match.Groups[2].Value is "<=" or "≤"));
        }
        return new ValueList<Training.Satisficing>(constraints);
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
