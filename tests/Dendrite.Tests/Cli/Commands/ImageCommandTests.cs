using System.Text.Json;
using Dendrite.Tests.Cli.Specs;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>train, summary and gradcheck on convolutional specs and zoo models, run as a user runs them.</summary>
public sealed class ImageCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    private string CnnSpec(string name, string layers, string extra = "") => _dir.File(name, $$"""
        { "name": "bars-cnn", "data": { "dataset": "npy_folder", "folder": "{{ImageSpecTests.BarsFolder(_dir)}}", "layout": "image" },
          "model": { "layers": {{layers}} }, "loss": "cross_entropy", "optimizer": { "name": "adam", "learning_rate": 0.01 },
          "batch_size": 32, "epochs": 6, "seed": 1 {{extra}} }
        """);

    [Fact]
    public void Errors_of_an_image_classifier_come_with_a_grid_of_the_worst_images()
    {
        // One epoch of a linear model: it still gets some bars wrong.
        string spec = _dir.File("weak.json", $$"""
            { "name": "bars-weak", "data": { "dataset": "npy_folder", "folder": "{{ImageSpecTests.BarsFolder(_dir)}}", "layout": "image" },
              "model": { "layers": [ "flatten", { "type": "dense", "units": 3 } ] }, "optimizer": { "name": "sgd", "learning_rate": 0.001 },
              "batch_size": 32, "epochs": 1, "seed": 1 }
            """);
        Assert.Equal(0, Run("train", spec, "--out", "weak", "--quiet").ExitCode);
        var r = Run("errors", "weak", "test", "--top", "10");
        Assert.True(r.ExitCode == 0, r.ToString());
        int shown = File.ReadAllLines(Path.Combine(_dir.Path, "weak", "errors-test.csv")).Length - 1;
        Assert.InRange(shown, 1, 10);
        Assert.Contains("as pictures, worst first", r.Output);
        var png = Dendrite.Tests.Cli.Report.Png.Decode(File.ReadAllBytes(Path.Combine(_dir.Path, "weak", "errors-test.png")));
        int columns = Math.Min(8, shown), rows = (shown + 7) / 8;
        Assert.Equal(0, (png.Width - (columns + 1) * 2) % columns);       // equal tiles with 2-pixel gaps
        int tile = (png.Width - (columns + 1) * 2) / columns;
        Assert.True(tile >= 56, $"tiles of {tile} pixels");
        Assert.Equal(rows * tile + (rows + 1) * 2, png.Height);          // square images
        Assert.Equal(((byte)255, (byte)255, (byte)255), png[0, 0]);      // the gap

        // The run's report shows the same mistakes (up to 32), each captioned "true → predicted".
        string report = File.ReadAllText(Path.Combine(_dir.Path, "weak", "report.html"));
        Assert.Contains("<section id=\"misclassified\">", report);
        var match = System.Text.RegularExpressions.Regex.Match(report, "<img class=\"misclassified\"[^>]* src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
        Assert.True(match.Success, "no misclassified grid in the report");
        Assert.True(Dendrite.Tests.Cli.Report.Png.Decode(Convert.FromBase64String(match.Groups[1].Value)).Width >= png.Width);
        int captions = System.Text.RegularExpressions.Regex.Matches(report, "<li>[^<]* → [^<]*</li>").Count;
        Assert.InRange(captions, shown, 32);
    }

    [Fact]
    public void Train_learns_a_convolutional_spec_and_reports_it()
    {
        string spec = CnnSpec("cnn.json", """
            [ { "type": "conv2d", "filters": 6, "kernel_size": 3, "padding": 1 }, "relu", { "type": "maxpool2d", "kernel_size": 2 },
              "flatten", { "type": "dense", "units": 3 } ]
            """);
        var r = Run("train", spec, "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement;
        Assert.True(metrics.GetProperty("test").GetProperty("accuracy").GetDouble() >= 0.95, metrics.ToString());
        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("id=\"learning-curves\"", report);
        Assert.Contains("id=\"confusion-matrix\"", report);
        Assert.Contains("Conv2d(1 =&gt; 6, kernel 3", report);
        var eval = Run("eval", "run", "test");
        Assert.True(eval.ExitCode == 0, eval.ToString());
    }

    [Fact]
    public void Gradcheck_passes_on_a_convolutional_spec_with_batch_norm_and_pooling()
    {
        string spec = CnnSpec("grad.json", """
            [ { "type": "conv2d", "filters": 2, "kernel_size": 3, "stride": 2 }, "batchnorm2d", "tanh",
              { "type": "avgpool2d", "kernel_size": 2 }, "flatten", { "type": "dense", "units": 3 } ]
            """);
        var r = Run("gradcheck", spec, "--examples", "4");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("0.weight", r.Output);
        Assert.Contains("1.weight", r.Output);
        Assert.Contains("5.weight", r.Output);
        Assert.Contains("PASS", r.Output);
    }

    [Theory]
    [InlineData("resnet20", "Total params: 272,474")]
    [InlineData("lenet5", "Total params: 61,706")]
    [InlineData("resnet18", "Total params: 11,689,512")]
    public void Summary_prints_a_zoo_model_with_exact_parameter_counts(string zoo, string total)
    {
        var r = Run("summary", zoo);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(total, r.Output);
        Assert.Contains("conv1", r.Output);
    }

    [Fact]
    public void Summary_of_a_convolutional_spec_shows_image_shapes()
    {
        var r = Run("summary", CnnSpec("summary.json", """[ { "type": "conv2d", "filters": 6, "kernel_size": 3 }, "flatten", { "type": "dense", "units": 3 } ]"""));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("[32, 6, 8, 8]", r.Output);
        Assert.Contains("[32, 384]", r.Output);
        Assert.Contains("Total params: 1,215", r.Output);
    }
}
