using System.Text.Json;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite diagnose</c> and the diagnosis a run writes: errors per split, gaps, the verdict, in the terminal, JSON and the report.</summary>
public sealed class DiagnoseCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    /// <summary>Blobs with dev, train-dev and test slices; a tiny logistic model, so its errors are not all zero.</summary>
    private string Spec(string extra = "") => _dir.File("blobs.json", $$"""
        { "name": "blobs", "data": { "dataset": "blobs", "count": 600, "classes": 4, "noise": 2.5, "seed": 2, "dev": 0.2, "train_dev": 0.1, "test": 0.2 },
          "model": { "layers": [ { "type": "dense", "units": 4 } ] }, "optimizer": { "name": "adam", "learning_rate": 0.05 },
          "batch_size": 64, "epochs": 10, "seed": 1, "metrics": ["accuracy"] {{extra}} }
        """);

    [Fact]
    public void A_run_with_train_dev_writes_its_diagnosis_and_diagnose_recomputes_it_with_another_human_level()
    {
        var r = Run("train", Spec(""", "human_error": 0.05"""), "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement;
        var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "diagnosis.json"))).RootElement;
        var errors = written.GetProperty("errors");
        Assert.Equal(0.05, errors.GetProperty("human").GetDouble());
        foreach (var (split, key) in new[] { ("train", "train"), ("train_dev", "train_dev"), ("dev", "dev"), ("test", "test") })
            Assert.Equal(1 - metrics.GetProperty(split).GetProperty("accuracy").GetDouble(), errors.GetProperty(key).GetDouble(), 6);
        var gaps = written.GetProperty("gaps");
        Assert.Equal(errors.GetProperty("train").GetDouble() - 0.05, gaps.GetProperty("avoidable_bias").GetDouble(), 12);
        Assert.Equal(errors.GetProperty("dev").GetDouble() - errors.GetProperty("train_dev").GetDouble(), gaps.GetProperty("data_mismatch").GetDouble(), 12);
        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("<section id=\"diagnosis\">", report);
        Assert.Contains("<tr class=\"largest\">", report);
        Assert.Contains("data-name=\"human-level\"", report);                 // 1 − human error on the accuracy curves

        var table = Run("diagnose", "run", "--human-error", "0.5");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("human-level          50%", table.Output);
        Assert.Contains("largest gap: ", table.Output);
        var json = Run("diagnose", "run", "--human-error", "0", "--json");
        var parsed = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(0, parsed.GetProperty("errors").GetProperty("human").GetDouble());
        Assert.Equal(errors.GetProperty("train").GetDouble(), parsed.GetProperty("gaps").GetProperty("avoidable_bias").GetDouble(), 6);
        Assert.NotEmpty(parsed.GetProperty("remedies").EnumerateArray());
    }

    [Fact]
    public void Bad_human_levels_and_runs_without_held_out_data_get_one_line_errors()
    {
        var bad = Run("train", Spec(""", "human_error": 1.5"""), "--out", "bad", "--quiet");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("human_error", bad.Output + bad.Error);
        var plain = Run("train", _dir.File("plain.json", """
            { "data": { "dataset": "moons", "count": 100 }, "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "epochs": 1 }
            """), "--out", "plain", "--quiet");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "plain", "diagnosis.json")));
        var r = Run("diagnose", "plain");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("no held-out data: set data.dev", r.Output + r.Error);
        var wrong = Run("diagnose", "plain", "--human-error", "7");
        Assert.Contains("--human-error: expected a fraction", wrong.Output + wrong.Error);
    }

    /// <summary>
    /// The course's data mismatch through specs: bars images, dev and test shifted by heavy pixel noise (data.shift),
    /// a clean train-dev slice. The diagnosis names data mismatch; synthesizing the noise onto half the training images
    /// (data.synthesize) narrows it.
    /// </summary>
    [Fact]
    public void A_shifted_dev_set_shows_data_mismatch_and_synthesized_data_narrows_it()
    {
        string folder = Dendrite.Tests.Cli.Specs.ImageSpecTests.BarsFolder(_dir, train: 900, test: 300);
        string Bars(string name, string synthesize) => _dir.File(name, $$"""
            { "name": "{{name}}", "data": { "dataset": "npy_folder", "folder": "{{folder}}", "layout": "image", "dev": 0.25, "train_dev": 0.15,
                "shift": { "type": "gaussian_noise", "std": 0.8 } {{synthesize}} },
              "model": { "layers": [ { "type": "conv2d", "filters": 8, "kernel_size": 3, "padding": 1 }, "relu", { "type": "maxpool2d", "kernel_size": 2 },
                                     "flatten", { "type": "dense", "units": 3 } ] },
              "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 8, "seed": 1, "human_error": 0 }
            """);
        JsonElement Gaps(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, run, "diagnosis.json"))).RootElement;
        Assert.Equal(0, Run("train", Bars("clean.json", ""), "--out", "clean", "--quiet").ExitCode);
        Assert.Equal(0, Run("train", Bars("mixed.json", """, "synthesize": 0.5"""), "--out", "mixed", "--quiet").ExitCode);
        var before = Gaps("clean");
        var after = Gaps("mixed");
        Assert.Equal("data mismatch", before.GetProperty("largest").GetString());
        double mismatchBefore = before.GetProperty("gaps").GetProperty("data_mismatch").GetDouble();
        double mismatchAfter = after.GetProperty("gaps").GetProperty("data_mismatch").GetDouble();
        Assert.True(mismatchAfter < mismatchBefore / 2, $"data mismatch {mismatchBefore:P1} → {mismatchAfter:P1}");
        var wrong = Run("train", _dir.File("flat.json", $$"""
            { "data": { "dataset": "npy_folder", "folder": "{{folder}}", "shift": "horizontal_flip" }, "model": { "layers": [ { "type": "dense", "units": 3 } ] } }
            """), "--out", "flat", "--quiet");
        Assert.Contains("a shift transforms images; expected data.layout image", wrong.Output + wrong.Error);
    }
}
