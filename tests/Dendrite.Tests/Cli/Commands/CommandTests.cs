using System.Text.Json;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>Every dendrite command run as a process, the way a user runs it.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    private static JsonElement Metrics(string runFolder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "metrics.json"))).RootElement;

    /// <summary>A small moons run with a dev split, fast enough for tune and the file commands.</summary>
    private string MoonsSpec() => _dir.File("moons.json", """
        { "name": "moons-small", "data": { "dataset": "moons", "count": 200, "noise": 0.2, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 8, "init": "he" }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 20, "seed": 1 }
        """);

    [Theory]
    [InlineData]
    [InlineData("train")]
    [InlineData("resume")]
    [InlineData("eval")]
    [InlineData("predict")]
    [InlineData("summary")]
    [InlineData("gradcheck")]
    [InlineData("tune")]
    [InlineData("datasets")]
    [InlineData("diagnose")]
    [InlineData("errors")]
    [InlineData("curve")]
    [InlineData("export")]
    public void Help_is_available_everywhere(params string[] command)
    {
        var r = Run([.. command, "--help"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Usage:", r.Output);
    }

    [Fact]
    public void Train_planar_writes_the_run_folder_and_matches_the_library()
    {
        var r = Run("train", "planar", "--out", "run");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Cost after iteration 0: 0.693048", r.Output);
        Assert.Contains("Cost after iteration 7000: 0.217504", r.Output);
        string run = Path.Combine(_dir.Path, "run");
        foreach (var f in new[] { "spec.json", "history.csv", "history.json", "last.safetensors", "best.safetensors", "metrics.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(run, f)), $"{f} missing");

        // The same run through the library (examples/PlanarFlower in float64).
        var (x, y) = PlanarFlower.Generate(seed: 1, DType.Float64);
        var numpy = new NumpyRandom(2);
        var model = new Sequential(new Dense(2, 4, init: Init.SmallRandom, random: numpy, dtype: DType.Float64), new Tanh(),
                                   new Dense(4, 1, init: Init.SmallRandom, random: numpy, dtype: DType.Float64), new Sigmoid());
        GradientDescent.Fit(model, Loss.BinaryCrossEntropy, x, y, new Sgd(model.Parameters(), 1.2), 10_000);
        Assert.Equal(Accuracy.Binary(model, x, y), Metrics(run).GetProperty("train").GetProperty("accuracy").GetDouble());
        Assert.Contains("<svg class=\"chart\"", File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Dendrite.Tests.Cli.Report.ChromiumFact]
    public void The_report_of_a_training_run_draws_its_learning_curve_in_a_browser()
    {
        Assert.Equal(0, Run("train", "planar", "--out", "run", "--quiet").ExitCode);
        string page = Path.Combine(_dir.Path, "run", "report.html");
        var dom = Dendrite.Tests.Cli.Report.Chromium.DumpDom(page);
        var loss = System.Text.RegularExpressions.Regex.Match(dom, "<polyline[^>]*data-name=\"loss\"[^>]*points=\"([^\"]+)\"");
        Assert.True(loss.Success, "no loss polyline in the rendered page");
        Assert.True(loss.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 100, "the loss curve has too few points");
        string png = Path.Combine(_dir.Path, "report.png");
        Dendrite.Tests.Cli.Report.Chromium.Screenshot(page, png, 1280, 1400);
        Assert.True(new FileInfo(png).Length > 10_000, "the screenshot is nearly empty");
    }

    [DataFact]
    public void Train_logistic_regression_and_deep_network_on_cats_give_the_course_numbers()
    {
        var logreg = Run("train", "logreg-cat", "--out", "logreg", "--quiet");
        Assert.True(logreg.ExitCode == 0, logreg.ToString());
        var m = Metrics(Path.Combine(_dir.Path, "logreg"));
        Assert.Equal(0.9904, m.GetProperty("train").GetProperty("accuracy").GetDouble(), 4);
        Assert.Equal(0.70, m.GetProperty("test").GetProperty("accuracy").GetDouble(), 4);

        var deep = Run("train", "deep-cat", "--out", "deep", "--quiet");
        Assert.True(deep.ExitCode == 0, deep.ToString());
        m = Metrics(Path.Combine(_dir.Path, "deep"));
        Assert.Equal(0.9856, m.GetProperty("train").GetProperty("accuracy").GetDouble(), 4);
        Assert.Equal(0.80, m.GetProperty("test").GetProperty("accuracy").GetDouble(), 4);
    }

    [Fact]
    public void Summary_prints_layers_shapes_and_parameter_counts()
    {
        var r = Run("summary", "planar");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Dense(2 => 4)", r.Output);
        Assert.Contains("[400, 4]", r.Output);
        Assert.Contains("Total params: 17", r.Output);
    }

    [Fact]
    public void Gradcheck_passes_with_per_parameter_differences()
    {
        var r = Run("gradcheck", MoonsSpec());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("0.weight", r.Output);
        Assert.Contains("PASS", r.Output);
    }

    [Fact]
    public void Eval_and_predict_use_the_trained_model()
    {
        Assert.Equal(0, Run("train", MoonsSpec(), "--out", "run", "--quiet").ExitCode);
        var eval = Run("eval", "run", "dev");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        var devAccuracy = Metrics(Path.Combine(_dir.Path, "run")).GetProperty("dev").GetProperty("accuracy").GetDouble();
        Assert.Contains(FormattableString.Invariant($"accuracy {devAccuracy:G6}"), eval.Output);

        _dir.File("points.csv", "x1,x2\n0.0,0.9\n1.0,-0.4\n-0.8,0.3\n");
        var predict = Run("predict", "run", "points.csv", "--out", "predictions.csv");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = File.ReadAllLines(_dir.File("predictions.csv"));
        Assert.Equal("label,probability", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^[01],[0-9.eE-]+$", l));
    }

    [Fact]
    public void Tune_runs_a_coarse_to_fine_search_and_writes_a_trainable_best_spec()
    {
        var r = Run("tune", MoonsSpec(), "--trials", "3", "--rounds", "2", "--param", "optimizer.learning_rate=log:1e-3:1e-1",
                    "--param", "model.layers[0].units=int:2:16", "--out", "best.json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("dev_loss", r.Output);          // the spec's default monitor, minimized
        Assert.Contains("learning_rate", r.Output);
        Assert.Contains("best spec:", r.Output);
        Assert.Equal(0, Run("train", "best.json", "--out", "best-run", "--quiet").ExitCode);
    }
}
