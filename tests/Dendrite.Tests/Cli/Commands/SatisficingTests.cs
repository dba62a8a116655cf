using System.Text.Json;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>The single-number optimizing metric and satisficing constraints: in specs, checkpoints, early stopping and tune.</summary>
public sealed class SatisficingTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    private string Spec(string satisfy) => _dir.File("moons.json", $$"""
        { "name": "moons", "data": { "dataset": "moons", "count": 300, "noise": 0.2, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 16, "init": "he" }, "relu", { "type": "dense", "units": 1 } ] },
          "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 8, "seed": 1,
          "optimize": "f1", "satisfy": {{satisfy}} }
        """);

    [Fact]
    public void Costs_are_metrics_the_optimizing_metric_is_monitored_and_no_epoch_that_fails_a_constraint_is_the_best()
    {
        var ok = Run("train", Spec("""["size_mb <= 10", "latency_ms <= 1000"]"""), "--out", "ok", "--quiet");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        var model = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "ok", "metrics.json"))).RootElement.GetProperty("model");
        Assert.Equal((2 * 16 + 16 + 16 + 1) * 4 / 1e6, model.GetProperty("size_mb").GetDouble(), 12);   // 65 float32 parameters
        Assert.InRange(model.GetProperty("latency_ms").GetDouble(), 0, 1000);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "ok", "best.safetensors")));
        string history = File.ReadAllText(Path.Combine(_dir.Path, "ok", "history.csv"));
        Assert.Contains("dev_f1", history);                                                   // the optimizing metric is logged on dev

        var tiny = Run("train", Spec("""["size_mb <= 0.0001"]"""), "--out", "tiny", "--quiet");
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "tiny", "best.safetensors")));        // no epoch of a 260-byte model fits 100 bytes
        Assert.True(File.Exists(Path.Combine(_dir.Path, "tiny", "last.safetensors")));
    }

    [Fact]
    public void Tune_ranks_trials_that_meet_the_constraints_first_and_marks_the_others()
    {
        // units 2–64: 4u + 1 float32 parameters, so only models of at most 49 hidden units fit 0.0008 MB
        var r = Run("tune", Spec("""["size_mb <= 0.0008"]"""), "--trials", "6", "--rounds", "1", "--param", "model.layers[0].units=int:2:64", "--out", "best.json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("fails", r.Output);
        Assert.Contains("size_mb ≤ 0.0008", r.Output);
        var rows = r.Output.Split('\n').Where(l => l.TrimStart().Length > 0 && char.IsDigit(l.TrimStart()[0])).ToList();
        int firstFailing = rows.FindIndex(l => l.Contains("size_mb", StringComparison.Ordinal));
        Assert.True(firstFailing > 0, r.Output);                                              // feasible trials come first
        Assert.All(rows.Skip(firstFailing), l => Assert.Contains("size_mb ≤ 0.0008", l));
        var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "best.json"))).RootElement;
        int units = best.GetProperty("model").GetProperty("layers")[0].GetProperty("units").GetInt32();
        Assert.True(4 * (4 * units + 1) / 1e6 <= 0.0008, $"the best spec has {units} units");
    }

    [Theory]
    [InlineData("""["size_mb < 3"]""", "expected a constraint such as")]
    [InlineData("""["dev_recall >= 0.9"]""", "satisfy: dev_recall is not measured")]
    public void Bad_constraints_name_the_field(string satisfy, string expected)
    {
        var r = Run("train", Spec(satisfy), "--out", "bad", "--quiet");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(expected, r.Output + r.Error);
    }

    [Fact]
    public void Early_stopping_and_search_skip_what_fails_a_constraint()
    {
        var stopping = new EarlyStopping("dev_accuracy", patience: 10, restoreBestWeights: false, eligible: log => log["size_mb"] <= 1);
        var context = new TrainingContext(null!, 3, 1, 1);
        stopping.OnEpochEnd(context, new EpochLog(0, [new("dev_accuracy", 0.9), new("size_mb", 5)]));
        stopping.OnEpochEnd(context, new EpochLog(1, [new("dev_accuracy", 0.8), new("size_mb", 0.5)]));
        Assert.Equal((0.8, 1), (stopping.Best, stopping.BestEpoch));

        var space = new SearchSpace().Add("x", new Uniform(0, 1));
        var search = new RandomSearch(space, t => new TrialOutcome((double)t.Values["x"], (double)t.Values["x"] > 0.5 ? "x ≤ 0.5" : null), maximize: true, seed: 3, maxParallelism: 1);
        var results = search.Run(8);
        Assert.True(results.Best.Satisfies);
        Assert.True((double)results.Best.Trial.Values["x"] <= 0.5);
        int firstFailing = results.Trials.ToList().FindIndex(t => !t.Satisfies);
        Assert.All(results.Trials.Skip(firstFailing), t => Assert.False(t.Satisfies));
        Assert.Contains("x ≤ 0.5", results.ToString());
    }
}
