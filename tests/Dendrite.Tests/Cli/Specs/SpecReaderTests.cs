using Dendrite.Cli;
using Dendrite.Cli.Specs;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Reading specs: JSON and YAML bind alike, defaults, built-in names, paths.</summary>
public class SpecReaderTests
{
    private const string Json = """
        {
          "name": "moons-demo",
          "data": { "dataset": "moons", "count": 200, "noise": 0.1, "seed": 4, "dev": 0.2, "split_seed": 7, "standardize": true },
          "model": {
            "layers": [
              { "type": "dense", "units": 8, "init": "he" }, "relu",
              { "type": "dropout", "keep_prob": 0.9 },
              { "type": "batchnorm", "momentum": 0.2 },
              { "type": "dense", "units": 1, "bias": false }
            ],
            "init_seed": 5, "init_rng": "numpy"
          },
          "loss": "bce_logits",
          "optimizer": { "name": "adamw", "learning_rate": 0.01, "beta1": 0.8, "weight_decay": 0.001 },
          "schedule": { "type": "warmup", "steps": 10, "then": { "type": "cosine", "period": 100, "minimum": 0.0001 }, "per": "step" },
          "regularization": { "l2": 0.1 },
          "batch_size": 16,
          "iterations": 500,
          "seed": 3,
          "dtype": "float64",
          "metrics": ["accuracy", "f1"],
          "monitor": "dev_accuracy",
          "early_stopping": { "patience": 4 },
          "log_every": 5
        }
        """;

    private const string Yaml = """
        name: moons-demo
        data: {dataset: moons, count: 200, noise: 0.1, seed: 4, dev: 0.2, split_seed: 7, standardize: true}
        model:
          layers:
            - {type: dense, units: 8, init: he}
            - relu
            - type: dropout
              keep_prob: 0.9
            - {type: batchnorm, momentum: 0.2}
            - {type: dense, units: 1, bias: false}
          init_seed: 5
          init_rng: numpy
        loss: bce_logits
        optimizer: {name: adamw, learning_rate: 0.01, beta1: 0.8, weight_decay: 1e-3}
        schedule:
          type: warmup
          steps: 10
          then: {type: cosine, period: 100, minimum: 1.0e-4}
          per: step
        regularization: {l2: 0.1}
        batch_size: 16
        iterations: 500
        seed: 3
        dtype: float64
        metrics: [accuracy, f1]
        monitor: dev_accuracy
        early_stopping: {patience: 4}
        log_every: 5
        """;

    internal static RunSpec Parse(string text, string source = "spec.json") => SpecReader.Parse(text, source, baseFolder: null);

    [Fact]
    public void Json_and_yaml_of_the_same_spec_bind_equal()
    {
        var json = Parse(Json);
        var yaml = Parse(Yaml, "spec.yaml");
        Assert.Equal(json, yaml);
        Assert.Equal(0.001, json.Optimizer.Double("weight_decay"));
        Assert.Equal("cosine", json.Schedule!.Settings.Node("then")!["type"]!.GetValue<string>());
        Assert.Equal(0.9, json.Model.Layers[2].Double("keep_prob"));
        Assert.Equal(["accuracy", "f1"], json.Metrics!);
    }

    [Fact]
    public void Defaults_fill_every_field_left_out()
    {
        var spec = Parse("""{ "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "data": "xor" }""", "tiny.json");
        Assert.Equal("tiny", spec.Name);
        Assert.Equal(new DataSpec("xor"), spec.Data);
        Assert.Equal(OptimizerKinds.Default, spec.Optimizer);
        Assert.Equal(32, spec.BatchSize);
        Assert.Null(spec.Epochs);
        Assert.Null(spec.Iterations);
        Assert.Null(spec.Loss);
        Assert.Null(spec.Schedule);
        Assert.Null(spec.Regularization);
        Assert.Equal("float32", spec.DType);
        Assert.Equal("dotnet", spec.Model.InitRng);
        Assert.Equal(0, spec.Model.InitSeed);
        Assert.Equal(0, spec.Seed);
        Assert.True(spec.Shuffle);
        Assert.Null(spec.Metrics);
        Assert.Null(spec.EarlyStoppingPatience);
    }

    [Fact]
    public void Full_batch_is_written_all()
    {
        Assert.Null(Parse("""{ "model": { "layers": ["sigmoid"] }, "data": "planar", "batch_size": "all" }""").BatchSize);
    }

    [Fact]
    public void Built_in_specs_resolve_by_name_with_or_without_extension()
    {
        Assert.Contains("planar", SpecReader.BuiltInNames);
        Assert.Contains("deep-cat", SpecReader.BuiltInNames);
        var planar = SpecReader.Read("planar");
        Assert.Equal("planar", planar.Name);
        Assert.Equal(10_000, planar.Iterations);
        Assert.Equal(planar, SpecReader.Read("planar.json"));
        Assert.Equal(2500, SpecReader.Read("deep-cat").Iterations);
    }

    [Fact]
    public void Every_built_in_spec_reads()
    {
        string[] expected = ["deep-cat", "fashion-mlp", "football-dropout", "football-l2", "football-none", "lenet5-mnist", "logreg-cat", "mnist-mlp",
                             "moons-adam", "moons-gd", "planar", "resnet-fashion", "shakespeare-char"];
        Assert.Subset(SpecReader.BuiltInNames.ToHashSet(), expected.ToHashSet());
        foreach (string name in SpecReader.BuiltInNames) Assert.Equal(name, SpecReader.Read(name).Name);
    }

    [Fact]
    public void A_missing_file_names_the_path_and_the_built_in_specs()
    {
        var e = Assert.Throws<CliException>(() => SpecReader.Read("no/such/spec.json"));
        Assert.Contains("no/such/spec.json", e.Message);
        Assert.Contains("planar", e.Message);
        Assert.Contains("moons-adam", e.Message);
    }

    [Fact]
    public void Relative_data_and_parameter_paths_resolve_against_the_spec_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dendrite-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "table.yml");
            File.WriteAllText(path, """
                data: {dataset: csv, path: data/t.csv, label: 0, classification: true}
                model: {layers: [{type: dense, units: 3}]}
                initial_parameters: ../w.npz
                tensorboard: logs/tb
                """);
            var spec = SpecReader.Read(path);
            Assert.Equal(Path.Combine(folder, "data", "t.csv"), spec.Data.Source.String("path"));
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "w.npz")), spec.InitialParameters);
            Assert.Equal(Path.Combine(folder, "logs", "tb"), spec.Tensorboard);
            Assert.Equal("0", spec.Data.Source.String("label"));
            Assert.Equal("table", spec.Name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
