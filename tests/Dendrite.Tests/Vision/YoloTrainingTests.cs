using Dendrite.Data;
using Dendrite.Models;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Vision;
using Xunit.Abstractions;

namespace Dendrite.Tests.Vision;

/// <summary>A small YOLO trained on CPU on the generated shapes finds them: mAP@0.5 on held-out images.</summary>
public class YoloTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Tiny_yolo_on_coloured_shapes_reaches_map50_of_090()
    {
        const int side = 64;
        var train = ColoredShapes.Generate(1200, seed: 1, side: side);
        var test = ColoredShapes.Generate(300, seed: 2, side: side);
        var sizes = train.Boxes.SelectMany(b => b).Select(b => ((double)(b.X1 - b.X0), (double)(b.Y1 - b.Y0))).ToList();
        var anchors = AnchorBoxes.KMeans(sizes, 3, new Random(0));
        var head = new YoloHead(anchors, ColoredShapes.Classes.Count, side, side);
        var model = new TinyYolo(ColoredShapes.Classes.Count, anchors.Length, width: 16, stages: 4, random: new Random(0));
        var loss = new YoloLoss(head);
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.003), loss.Forward);
        var started = DateTime.UtcNow;
        var history = trainer.Fit(new DataLoader(new TensorDataset(train.Images, DetectionTargets.Pack(train.Boxes, 3)), 32, seed: 0), epochs: 8);
        model.Eval();
        var predictions = trainer.Predict(test.Images, 100);
        var detections = head.Detect(predictions, scoreThreshold: 0.01, maxBoxes: 20);
        var truths = DetectionTargets.Unpack(DetectionTargets.Pack(test.Boxes, 3));
        double map50 = AveragePrecision.Voc(detections, truths), coco = AveragePrecision.Coco(detections, truths);
        output.WriteLine($"anchors {string.Join(", ", anchors.Select(a => $"{a.W:0.0}×{a.H:0.0}"))}; {(DateTime.UtcNow - started).TotalSeconds:0.0} s; "
            + $"loss {string.Join(" ", history["loss"].Select(v => v.ToString("0.###")))}; mAP@0.5 {map50:0.###}, AP@[.5:.95] {coco:0.###}");
        Assert.True(map50 >= 0.90, $"mAP@0.5 = {map50:0.###}");
    }
}
