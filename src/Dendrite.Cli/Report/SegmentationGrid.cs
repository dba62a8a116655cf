using Dendrite.Autograd;
using Dendrite.Cli.Specs;

namespace Dendrite.Cli.Report;

/// <summary>
/// A segmentation run's first held-out images with their true and predicted masks, as one PNG: the inputs on the first
/// row, the true masks below them and the predicted masks on the third row, each class in its own colour.
/// </summary>
/// <param name="Png">The grid.</param>
/// <param name="Split">test or dev.</param>
/// <param name="Count">Images shown (at most eight).</param>
internal sealed record SegmentationGrid(byte[] Png, string Split, int Count)
{
    /// <summary>Mask colours by class: background black, then red, green, blue, yellow, magenta, cyan, white, repeating.</summary>
    private static readonly float[][] Palette = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]];

    /// <summary>The grid, or null when the run does not predict a class per pixel of RGB or gray images or has no test or dev split.</summary>
    public static SegmentationGrid? Of(RunSetup setup)
    {
        if (setup.OutputKind != OutputKind.PixelLogits || !ImageGrid.CanDraw(setup.InputShape)) return null;
        var (split, data) = setup.Test is { } test ? ("test", test) : setup.Dev is { } dev ? ("dev", dev) : ("", null!);
        if (data is null || data.Count == 0) return null;
        int count = Math.Min(8, data.Count), h = setup.InputShape[1], w = setup.InputShape[2], size = setup.InputShape.Count;
        var batch = data.Get([.. Enumerable.Range(0, count)]);
        bool training = setup.Model.IsTraining;
        setup.Model.Eval();
        int[] predicted;
        using (GradMode.NoGrad()) predicted = setup.Model.Forward(batch.Inputs).ArgMax(1).ToArray<int>();
        setup.Model.Train(training);
        var inputs = batch.Inputs.To(DType.Float32).ToArray<float>();
        int[] truth = batch.Targets.ToArray<int>();
        var images = new List<float[]>();
        for (int i = 0; i < count; i++) images.Add(inputs[(i * size)..((i + 1) * size)]);
        for (int i = 0; i < count; i++) images.Add(Colour(truth.AsSpan(i * h * w, h * w)));
        for (int i = 0; i < count; i++) images.Add(Colour(predicted.AsSpan(i * h * w, h * w)));
        return new SegmentationGrid(ImageGrid.Render(images, [3, h, w], rowLength: count), split, count);
    }

    /// <summary>A mask as a [3, H, W] image in the palette's colours.</summary>
    private static float[] Colour(ReadOnlySpan<int> mask)
    {
        var image = new float[3 * mask.Length];
        for (int p = 0; p < mask.Length; p++)
        {
            var colour = Palette[Math.Max(0, mask[p]) % Palette.Length];
            for (int c = 0; c < 3; c++) image[c * mask.Length + p] = colour[c];
        }
        return image;
    }
}
