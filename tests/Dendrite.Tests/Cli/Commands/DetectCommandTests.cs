using System.Text.Json;
using Dendrite.Data;
using Dendrite.Tests.Support;
using Dendrite.Vision;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>A detector through the CLI: train on shapes_detection, the report's detections, `dendrite detect` on a PNG.</summary>
public sealed class DetectCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    [Fact]
    public void A_small_detector_trains_reports_map_and_draws_what_it_finds()
    {
        string spec = _dir.File("det.json", """
            { "name": "det", "data": { "dataset": "shapes_detection", "count": 800, "test_count": 60, "side": 32, "max_objects": 2 },
              "model": { "zoo": "tiny_yolo", "anchors": 2, "width": 8, "stages": 3, "init_seed": 0 },
              "optimizer": { "name": "adam", "learning_rate": 0.005 }, "batch_size": 32, "epochs": 8, "seed": 0, "metrics": ["map50", "map"] }
            """);
        var trained = Run("train", spec, "--out", "run", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement.GetProperty("test");
        double map50 = test.GetProperty("map50").GetDouble(), map = test.GetProperty("map").GetDouble();
        Assert.True(map50 > 0.5, test.ToString());   // a small grid, briefly trained, still finds most shapes
        Assert.InRange(map, 0.05, map50);              // stricter IoU thresholds can only lose
        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("<section id=\"detections\">", report);
        Assert.DoesNotContain("<section id=\"confusion-matrix\">", report);

        // one held-out image with a single large square in the middle
        var scene = ColoredShapes.Generate(200, seed: 77, side: 32, maxObjects: 1, minSize: 12, maxSize: 14);
        int pick = Enumerable.Range(0, scene.Count).First(i => scene.Boxes[i][0].Class == 1);
        var truth = scene.Boxes[pick][0];
        string png = Path.Combine(_dir.Path, "square.png");
        Png.Write(png, scene.Images.Narrow(0, pick, 1).Reshape([3, 32, 32]));
        var found = Run("detect", "run", png, "--out", "boxed.png", "--score", "0.3");
        Assert.True(found.ExitCode == 0, found.ToString());
        var rows = found.Output.Trim().Split('\n');
        Assert.Equal("class,score,x1,y1,x2,y2", rows[0]);
        var best = rows[1].Split(',');
        Assert.Equal("square", best[0]);
        var box = best[2..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(Boxes.Iou(Tensor.FromArray(box, [1, 4]), Tensor.FromArray(new double[] { truth.X0, truth.Y0, truth.X1, truth.Y1 }, [1, 4])).Item() > 0.5, found.Output);
        var boxed = Png.Read(Path.Combine(_dir.Path, "boxed.png"));
        Assert.Equal([3, 32, 32], boxed.Shape.ToArray());
        Assert.NotEqual(Png.Read(png).ToArray<float>(), boxed.ToArray<float>());

        // twice the size: resized to the model's input, the box scaled back
        var big = Tensor.FromArray(Enumerable.Range(0, 3 * 64 * 64).Select(k => Png.Read(png).ToArray<float>()[(k / 4096) * 1024 + (k % 4096) / 64 / 2 * 32 + k % 64 / 2]).ToArray(), [3, 64, 64]);
        Png.Write(Path.Combine(_dir.Path, "big.png"), big);
        var scaled = Run("detect", "run", "big.png", "--score", "0.3");
        Assert.True(scaled.ExitCode == 0, scaled.ToString());
        var bigBox = scaled.Output.Trim().Split('\n')[1].Split(',')[2..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(Boxes.Iou(Tensor.FromArray(bigBox, [1, 4]), Tensor.FromArray(new double[] { 2 * truth.X0, 2 * truth.Y0, 2 * truth.X1, 2 * truth.Y1 }, [1, 4])).Item() > 0.5, scaled.Output);

        Assert.Contains("use `dendrite detect", Run("predict", "run", png).Error);
        Assert.Contains("error analysis is for classifiers", Run("errors", "run", "test").Error);
    }

    [Fact]
    public void Detect_refuses_a_classifier_and_a_bad_image()
    {
        string spec = _dir.File("moons.json", """{ "name": "m", "data": "moons", "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "epochs": 1 }""");
        Assert.Equal(0, Run("train", spec, "--out", "m", "--quiet").ExitCode);
        File.WriteAllBytes(Path.Combine(_dir.Path, "x.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var notDetector = Run("detect", "m", "x.png");
        Assert.NotEqual(0, notDetector.ExitCode);
        Assert.Contains("is not a detector", notDetector.Error);
        string det = _dir.File("d.json", """{ "name": "d", "data": { "dataset": "shapes_detection", "count": 40, "test_count": 0, "side": 32 }, "model": { "zoo": "tiny_yolo", "stages": 2, "width": 4 }, "epochs": 1 }""");
        Assert.Equal(0, Run("train", det, "--out", "d", "--quiet").ExitCode);
        var corrupt = Run("detect", "d", "x.png");
        Assert.NotEqual(0, corrupt.ExitCode);
        Assert.Contains("x.png", corrupt.Error);
        Assert.Contains("expected yolo", Run("train", _dir.File("bad.json", """{ "name": "b", "data": { "dataset": "shapes_detection", "count": 40 }, "model": { "zoo": "tiny_yolo" }, "loss": "mse" }"""), "--quiet").Error);
        Assert.Contains("expected model.zoo tiny_yolo", Run("train", _dir.File("bad2.json", """{ "name": "b", "data": { "dataset": "shapes_detection", "count": 40, "side": 32 }, "model": { "zoo": "lenet5" } }"""), "--quiet").Error);
        Assert.Contains("has no boxes", Run("train", _dir.File("bad3.json", """{ "name": "b", "data": "moons", "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "loss": "yolo" }"""), "--quiet").Error);
    }
}
