using System.Text.Json;
using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Models;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Segmentation through specs: the shapes_segmentation set, the unet zoo model, mean_iou and the input / truth / prediction grid.</summary>
public sealed class SegmentationSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_set_is_colored_shapes_with_a_held_out_test_set_and_the_model_a_unet()
    {
        var spec = SpecReader.Parse("""
            { "data": { "dataset": "shapes_segmentation", "count": 20, "test_count": 5, "side": 16, "seed": 4 },
              "model": { "zoo": "unet", "filters": 2, "depth": 2 } }
            """, "s.json", null);
        var data = SpecData.Load(spec.Data, DType.Float32);
        Assert.Equal([20, 3, 16, 16], data.X.Shape.ToArray());
        Assert.Equal([20, 16, 16], data.Y.Shape.ToArray());
        Assert.Equal(ColoredShapes.Generate(20, 4, 16).Masks.ToArray<int>(), data.Y.ToArray<int>());
        Assert.Equal(ColoredShapes.Generate(5, 5, 16).Images.ToArray<float>(), data.TestX!.ToArray<float>()); // another seed: held out
        Assert.Equal(["background", "circle", "square", "triangle"], data.ClassNames);
        var setup = RunFactory.Build(spec);
        var unet = Assert.IsType<UNet>(setup.Model);
        Assert.Equal((3, 4, 2, 2), (unet.InChannels, unet.NClasses, unet.Filters, unet.Depth));
        Assert.Equal(OutputKind.PixelLogits, setup.OutputKind);
        Assert.Equal(["mean_iou"], setup.CreateMetrics().Select(m => m.Name));
    }

    [Fact]
    public void Per_example_metrics_and_outputs_without_a_class_per_pixel_are_spec_errors()
    {
        var e = Assert.Throws<CliException>(() => RunFactory.Build(SpecReader.Parse("""
            { "data": { "dataset": "shapes_segmentation", "count": 10, "side": 16 }, "model": { "zoo": "unet", "depth": 2, "filters": 2 }, "metrics": ["accuracy"] }
            """, "s.json", null)));
        Assert.Contains("expected mean_iou", e.Message);
        e = Assert.Throws<CliException>(() => RunFactory.Build(SpecReader.Parse("""
            { "data": { "dataset": "shapes_segmentation", "count": 10, "side": 16 }, "model": { "layers": [ "flatten", { "type": "dense", "units": 4 } ] } }
            """, "s.json", null)));
        Assert.Contains("scores for every pixel", e.Message);
    }

    [Fact]
    public void A_small_unet_trains_reports_mean_iou_and_draws_input_truth_and_prediction()
    {
        string spec = _dir.File("shapes.json", """
            { "name": "shapes", "data": { "dataset": "shapes_segmentation", "count": 300, "test_count": 40, "side": 16 },
              "model": { "zoo": "unet", "filters": 4, "depth": 2, "dropout": 0, "init_seed": 0 },
              "optimizer": { "name": "adam", "learning_rate": 0.003 }, "batch_size": 32, "epochs": 2, "seed": 1 }
            """);
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec, "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement.GetProperty("test");
        Assert.InRange(test.GetProperty("mean_iou").GetDouble(), 0.2, 1); // the background alone is found after two epochs
        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("<section id=\"segmentation\">", report);
        Assert.Contains("The first 8 test images", report);
        Assert.DoesNotContain("<section id=\"confusion-matrix\">", report);
    }

    [Fact]
    public void The_built_in_spec_trains_the_courses_unet_on_shapes()
    {
        var spec = SpecReader.Read("unet-shapes");
        Assert.Equal("shapes_segmentation", spec.Data.Dataset);
        Assert.Equal("unet", spec.Model.Zoo!.Type);
    }
}
