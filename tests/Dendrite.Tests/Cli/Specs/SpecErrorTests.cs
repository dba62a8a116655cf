using Dendrite.Cli;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Every user error names the spec, the field path, the value and what was expected.</summary>
public class SpecErrorTests
{
    private const string Layers = """ "model": { "layers": [ { "type": "dense", "units": 1 }, "sigmoid" ] } """;

    private static string Error(string body, string source = "spec.json") =>
        Assert.Throws<CliException>(() => SpecReaderTests.Parse(body, source)).Message;

    [Theory]
    [InlineData("""{ "data": "planar", "optimizer": { "name": "sgd", "learning_rate": "fast" }, MODEL }""",
                "spec.json: optimizer.learning_rate: expected a positive number but got \"fast\"")]
    [InlineData("""{ "data": "planar", "optimizer": { "name": "sgd", "learning_rate": -1 }, MODEL }""",
                "spec.json: optimizer.learning_rate: expected a positive number but got -1")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ "relu", "tanh", { "type": "conv" } ] } }""",
                "spec.json: model.layers[2].type: unknown layer \"conv\" (did you mean \"conv2d\"?) (expected one of: dense, conv2d, maxpool2d")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ { "type": "dense", "units": 2.5 } ] } }""",
                "spec.json: model.layers[0].units: expected a positive integer but got 2.5")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ { "type": "dense" } ] } }""",
                "spec.json: model.layers[0].units: missing")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ "dense" ] } }""",
                "spec.json: model.layers[0]: a dense layer needs units (number of output units n[l])")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ { "type": "dense", "units": 1, "init": "hee" } ] } }""",
                "spec.json: model.layers[0].init: unknown init \"hee\" (did you mean \"he\"?)")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ { "type": "dropout", "p": 1.5 } ] } }""",
                "spec.json: model.layers[0].p: expected a number in [0, 1) but got 1.5")]
    [InlineData("""{ "data": "planar", "model": { "layers": [ { "type": "relu", "units": 3 } ] } }""",
                "spec.json: model.layers[0].units: unknown field for layer relu; expected one of: type")]
    [InlineData("""{ "data": "planar", "model": { "layers": [] } }""",
                "spec.json: model.layers: expected at least one layer but got []")]
    [InlineData("""{ "data": "planar", "model": { "layers": "dense" } }""",
                "spec.json: model.layers: expected a list but got \"dense\"")]
    [InlineData("""{ "data": "planar" }""", "spec.json: model: missing")]
    [InlineData("""{ MODEL }""", "spec.json: data: missing")]
    [InlineData("""{ "data": { "dataset": "imagenet" }, MODEL }""",
                "spec.json: data.dataset: unknown dataset \"imagenet\" (expected one of: planar, moons")]
    [InlineData("""{ "data": { "dataset": "moons", "count": -3 }, MODEL }""",
                "spec.json: data.count: expected a positive integer ≤ 10,000,000 but got -3")]
    [InlineData("""{ "data": { "dataset": "moons", "dev": 0.6, "test": 0.5 }, MODEL }""",
                "spec.json: data.test: dev + train_dev + test is 1.1; expected less than 1")]
    [InlineData("""{ "data": { "dataset": "mnist", "test": 0.1 }, MODEL }""",
                "spec.json: data.test: mnist has its own test set")]
    [InlineData("""{ "data": { "dataset": "csv" }, MODEL }""", "spec.json: data.path: missing: path (the file) is required for dataset csv")]
    [InlineData("""{ "data": { "dataset": "planar", "count": 3 }, MODEL }""",
                "spec.json: data.count: unknown field for dataset planar; expected one of: dataset, dev, train_dev, test, split_seed, standardize, layout, augment, shift, synthesize, non_finite, seed")]
    [InlineData("""{ "data": { "dataset": "moons", "non_finite": "skip" }, MODEL }""",
                "spec.json: data.non_finite: unknown non_finite \"skip\" (expected one of: error, drop, allow)")]
    [InlineData("""{ "data": "planar", "loss": "hinge", MODEL }""",
                "spec.json: loss: unknown loss \"hinge\" (expected one of: bce, bce_logits, cross_entropy, mse, yolo)")]
    [InlineData("""{ "data": "planar", "optimizer": "adamm", MODEL }""",
                "spec.json: optimizer: unknown optimizer \"adamm\" (did you mean \"adam\"?)")]
    [InlineData("""{ "data": "planar", "optimizer": { "name": "sgd", "beta1": 0.9 }, MODEL }""",
                "spec.json: optimizer.beta1: unknown field for optimizer sgd; expected one of: name, learning_rate, momentum")]
    [InlineData("""{ "data": "planar", "optimizer": { "name": "adam", "beta2": 1 }, MODEL }""",
                "spec.json: optimizer.beta2: expected a number in [0, 1) but got 1")]
    [InlineData("""{ "data": "planar", "schedule": { "type": "step" }, MODEL }""",
                "spec.json: schedule.step: missing: step (epochs or steps between drops) is required for schedule step")]
    [InlineData("""{ "data": "planar", "schedule": { "type": "exponential", "per": "batch" }, MODEL }""",
                "spec.json: schedule.per: unknown schedule unit \"batch\" (expected one of: epoch, step)")]
    [InlineData("""{ "data": "planar", "schedule": { "type": "warmup", "steps": 5, "then": { "type": "cosine", "period": 9, "per": "step" } }, MODEL }""",
                "spec.json: schedule.then.per: unknown field for schedule cosine (per is set on the outermost schedule)")]
    [InlineData("""{ "data": "planar", "regularization": { "l2": 0.1, "l1": 0.1 }, MODEL }""",
                "spec.json: regularization.l1: give either l2 or l1, not both")]
    [InlineData("""{ "data": "planar", "batch_size": 0, MODEL }""",
                "spec.json: batch_size: expected a positive integer or \"all\" but got 0")]
    [InlineData("""{ "data": "planar", "batch_size": "everything", MODEL }""",
                "spec.json: batch_size: expected a positive integer or \"all\" but got \"everything\"")]
    [InlineData("""{ "data": "planar", "epochs": 3, "iterations": 3, MODEL }""",
                "spec.json: iterations: give either epochs or iterations, not both")]
    [InlineData("""{ "data": "planar", "dtype": "float16", MODEL }""",
                "spec.json: dtype: unknown dtype \"float16\" (did you mean \"float32\"?) (expected one of: float32, float64)")]
    [InlineData("""{ "data": "planar", "metrics": ["acuracy"], MODEL }""",
                "spec.json: metrics[0]: unknown metric \"acuracy\" (did you mean \"accuracy\"?)")]
    [InlineData("""{ "data": "planar", "early_stopping": { "patience": 0 }, MODEL }""",
                "spec.json: early_stopping.patience: expected a positive integer but got 0")]
    [InlineData("""{ "data": "planar", "shuffle": "yes", MODEL }""", "spec.json: shuffle: expected true or false but got \"yes\"")]
    [InlineData("""[1, 2]""", "spec.json: expected an object of run settings at the top level but got [1,2]")]
    public void Errors_name_the_field_the_value_and_the_expectation(string body, string expected) =>
        Assert.StartsWith(expected, Error(body.Replace("MODEL", Layers, StringComparison.Ordinal)));

    [Fact]
    public void Trailing_commas_are_tolerated()
    {
        var spec = SpecReaderTests.Parse($$"""{ "data": "planar", {{Layers}}, }""");
        Assert.Equal(2, spec.Model.Layers.Count);
    }

    [Fact]
    public void Unknown_fields_are_rejected_with_a_suggestion()
    {
        string message = Error($$"""{ "data": "planar", "learning_rate": 0.1, {{Layers}} }""");
        Assert.StartsWith("spec.json: learning_rate: unknown field; expected one of: name, model, data", message);
        message = Error($$"""{ "data": "planar", "epoch": 10, {{Layers}} }""");
        Assert.StartsWith("spec.json: epoch: unknown field (did you mean \"epochs\"?)", message);
        message = Error($$"""{ "data": "planar", "optimizer": { "name": "adam", "lerning_rate": 0.1 }, {{Layers}} }""");
        Assert.StartsWith("spec.json: optimizer.lerning_rate: unknown field for optimizer adam (did you mean \"learning_rate\"?)", message);
    }

    [Fact]
    public void Yaml_errors_name_the_field_or_the_line()
    {
        Assert.StartsWith("spec.yaml: optimizer.learning_rate: expected a positive number but got \"fast\"",
            Error("data: planar\nmodel: {layers: [sigmoid]}\noptimizer: {name: sgd, learning_rate: fast}\n", "spec.yaml"));
        Assert.StartsWith("spec.yaml: model.layers[0].units: expected a positive integer but got \"4\"",
            Error("data: planar\nmodel: {layers: [{type: dense, units: '4'}]}\n", "spec.yaml"));
        Assert.StartsWith("spec.yaml: line 2", Error("data: planar\ndata: moons\n", "spec.yaml"));
        Assert.StartsWith("spec.yaml: line", Error("data: [planar\n", "spec.yaml"));
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        Assert.StartsWith("spec.json: line 2", Error("{\n  \"data\" \"planar\"\n}"));
        Assert.Contains("Duplicate property", Error("{ \"data\": \"planar\", \"data\": \"moons\" }"));
    }
}
