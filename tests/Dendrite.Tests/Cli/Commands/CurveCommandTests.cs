using System.Text.Json;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite curve</c>: learning curves over nested subsets and validation curves over one hyperparameter.</summary>
public sealed class CurveCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    /// <summary>A wide network on noisy moons: it can memorize a small training set, the picture of variance.</summary>
    private string Spec() => _dir.File("moons.json", """
        { "name": "moons", "data": { "dataset": "moons", "count": 1000, "noise": 0.35, "seed": 3, "dev": 0.3 },
          "model": { "layers": [ { "type": "dense", "units": 64, "init": "he" }, "relu", { "type": "dense", "units": 64, "init": "he" }, "relu", { "type": "dense", "units": 1 } ] },
          "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 60, "seed": 1 }
        """);

    [Fact]
    public void A_learning_curve_shows_the_gap_of_variance_closing_as_the_training_set_grows()
    {
        var r = Run("curve", Spec(), "--sizes", "0.05,0.25,1", "--human-error", "0.1", "--parallel", "2", "--out", "c");
        Assert.True(r.ExitCode == 0, r.ToString());
        var curve = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "c", "curve.json"))).RootElement;
        Assert.Equal("error", curve.GetProperty("measure").GetString());
        var points = curve.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([35, 175, 700], points.Select(p => p.GetProperty("x").GetDouble()));
        double Train(int i) => points[i].GetProperty("train").GetDouble();
        double Dev(int i) => points[i].GetProperty("dev").GetDouble();
        Assert.True(Dev(0) - Train(0) > 0.05, $"at m = 35 train {Train(0)}, dev {Dev(0)}: a small set is memorized");
        Assert.True(Dev(0) - Train(0) > Dev(2) - Train(2), "the train-dev gap narrows with more data");
        Assert.True(Dev(2) < Dev(0), "more data lowers the dev error");
        string svg = File.ReadAllText(Path.Combine(_dir.Path, "c", "curve.svg"));
        foreach (var name in new[] { "train", "dev", "human-level" }) Assert.Contains($"data-name=\"{name}\"", svg);
        Assert.Contains("training examples m", r.Output);
    }

    [Fact]
    public void A_validation_curve_sweeps_one_hyperparameter_and_bad_arguments_say_what_is_expected()
    {
        var r = Run("curve", Spec(), "--param", "optimizer.learning_rate=0.0001,0.01", "--out", "v");
        Assert.True(r.ExitCode == 0, r.ToString());
        var points = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "v", "curve.json"))).RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([0.0001, 0.01], points.Select(p => p.GetProperty("x").GetDouble()));
        Assert.True(points[1].GetProperty("train").GetDouble() < points[0].GetProperty("train").GetDouble(), "a learning rate 100× larger fits better in 60 epochs");
        Assert.Contains("--sizes: expected fractions in (0, 1]", Run("curve", Spec(), "--sizes", "0.5,2") is var bad ? bad.Output + bad.Error : "");
        var noDev = Run("curve", _dir.File("nodev.json", """{ "data": "moons", "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "epochs": 1 }"""));
        Assert.Contains("give the spec a dev split", noDev.Output + noDev.Error);
    }
}
