using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Training;
using Xunit.Abstractions;

namespace Dendrite.Tests.Examples;

/// <summary>Course 4 week 3 acceptance: a U-Net segments the generated ColoredShapes images (a class per pixel).</summary>
public class SegmentationTests(ITestOutputHelper output)
{
    // 2,000 images of 32×32, U-Net with f = 8 and depth 2 (32 → 16 → 8), Adam lr 3e-3 × 0.85^epoch, batches of 32.
    // Measured: held-out mean IoU 0.906 after 8 epochs (0.942 after 10: background 0.999, circle 0.882, square 0.918,
    // triangle 0.967; 0.84 after 6); about 2–3 s per epoch, 25–35 s in all, on 2 shared cores.
    [Fact]
    public void A_small_unet_reaches_a_mean_iou_of_0_8_on_held_out_shapes()
    {
        const int side = 32, epochs = 8;
        var train = ColoredShapes.Generate(2000, seed: 1, side: side);
        var test = ColoredShapes.Generate(400, seed: 2, side: side);
        var model = new UNet(3, ColoredShapes.Classes.Count + 1, filters: 8, depth: 2, dropout: 0, random: new Random(3));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 3e-3), Loss.CrossEntropy, [new MeanIoU()]);
        var held = new DataLoader(new TensorDataset(test.Images, test.Masks), 200, shuffle: false);
        var watch = Stopwatch.StartNew();
        var history = trainer.Fit(new DataLoader(new TensorDataset(train.Images, train.Masks), 32, seed: 4), held, epochs,
            new LearningRateScheduler(new ExponentialDecay(3e-3, 0.85)));
        foreach (var log in history.Epochs) output.WriteLine($"U-Net {log}");
        var metric = new MeanIoU(classes: 4);
        metric.Reset();
        model.Eval();
        foreach (var batch in held.Batches()) metric.Update(model.PredictMask(batch.Inputs), batch.Targets);
        double iou = metric.Result();
        Assert.Equal(history.Epochs[^1]["dev_mean_iou"], iou, 9); // the trainer's metric on the class scores agrees
        output.WriteLine($"held-out mean IoU {iou:F4} (per class {string.Join(", ", metric.PerClass().Select(v => v.ToString("F3")))}) after {epochs} epochs in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(iou >= 0.80, $"held-out mean IoU {iou:F4}");
    }
}
