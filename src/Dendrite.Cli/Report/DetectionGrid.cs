using Dendrite.Autograd;
using Dendrite.Cli.Specs;
using Dendrite.Vision;

namespace Dendrite.Cli.Report;

/// <summary>
/// A detector's first test (else dev, else training) images with the boxes it finds at the course's thresholds (score
/// 0.6, NMS IoU 0.5, at most 10 boxes), each image drawn at twice its size so the labels read, as a PNG grid.
/// </summary>
/// <param name="Png">The grid, eight to a row.</param>
/// <param name="Captions">"found / true boxes" per image, in grid order.</param>
/// <param name="Split">test, dev or train.</param>
internal sealed record DetectionGrid(byte[] Png, IReadOnlyList<string> Captions, string Split)
{
    /// <summary>Images drawn at most.</summary>
    public const int Shown = 16;

    /// <summary>The grid, or null when the run is not a detector.</summary>
    public static DetectionGrid? Of(RunSetup setup)
    {
        if (setup.DetectionHead is not { } head) return null;
        var (split, data) = setup.Test is { } test ? ("test", test) : setup.Dev is { } dev ? ("dev", dev) : ("train", setup.Train);
        int count = Math.Min(Shown, data.Count), h = setup.InputShape[1], w = setup.InputShape[2];
        var batch = data.Get([.. Enumerable.Range(0, count)]);
        bool training = setup.Model.IsTraining;
        setup.Model.Eval();
        Tensor output;
        using (GradMode.NoGrad()) output = setup.Model.Forward(batch.Inputs);
        setup.Model.Train(training);
        var detections = head.Detect(output).ToLookup(d => d.Image);
        var truths = DetectionTargets.Unpack(batch.Targets).ToLookup(t => t.Image);
        var names = setup.ClassNames ?? [.. Enumerable.Range(0, head.NumClasses).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var pixels = batch.Inputs.To(DType.Float32).ToArray<float>();
        var images = new List<float[]>();
        for (int i = 0; i < count; i++)
        {
            var doubled = Doubled(pixels.AsSpan(i * 3 * h * w, 3 * h * w), h, w);
            var found = detections[i].Select(d => d with { X1 = 2 * d.X1, Y1 = 2 * d.Y1, X2 = 2 * d.X2, Y2 = 2 * d.Y2 });
            images.Add(Draw.Detections(Tensor.FromArray(doubled, [3, 2 * h, 2 * w]), found, names).ToArray<float>());
        }
        return new DetectionGrid(ImageGrid.Render(images, [3, 2 * h, 2 * w]),
            [.. Enumerable.Range(0, count).Select(i => $"{detections[i].Count()} found / {truths[i].Count()} true")], split);
    }

    /// <summary>An RGB image [3, h, w] enlarged twice by repeating pixels.</summary>
    private static float[] Doubled(ReadOnlySpan<float> image, int h, int w)
    {
        var big = new float[3 * 4 * h * w];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 2 * h; y++)
                for (int x = 0; x < 2 * w; x++) big[(c * 2 * h + y) * 2 * w + x] = image[(c * h + y / 2) * w + x / 2];
        return big;
    }
}
