using Dendrite.Data;

namespace Dendrite.Cli.Report;

/// <summary>
/// Tiles images [C, H, W] (C = 1 or 3) into one PNG, eight to a row with a 2-pixel white gap, each scaled up to at
/// least 56 pixels and stretched from its own minimum to its maximum (so standardized inputs show too).
/// </summary>
internal static class ImageGrid
{
    private const int Columns = 8, Gap = 2, MinimumSide = 56;

    /// <summary>Whether examples of <paramref name="shape"/> can be drawn.</summary>
    public static bool CanDraw(Shape shape) => shape.Rank == 3 && shape[0] is 1 or 3 && shape[1] > 0 && shape[2] > 0;

    /// <summary>The PNG of the examples <paramref name="indices"/> of <paramref name="data"/>, in that order.</summary>
    public static byte[] Of(IDataset data, IReadOnlyList<int> indices, Shape shape)
    {
        var inputs = data.Get([.. indices]).Inputs.To(DType.Float32).ToArray<float>();
        int size = shape.Count;
        return Render([.. indices.Select((_, k) => inputs[(k * size)..((k + 1) * size)])], shape);
    }

    /// <summary>The PNG of <paramref name="images"/>, each <paramref name="shape"/>'s C·H·W values in order, <paramref name="rowLength"/> to a row.</summary>
    public static byte[] Render(IReadOnlyList<float[]> images, Shape shape, int rowLength = Columns)
    {
        if (!CanDraw(shape)) throw new ArgumentException($"An image grid draws [1 or 3, H, W] images but got {shape}.", nameof(shape));
        if (images.Count == 0) throw new ArgumentException("An image grid needs at least one image.", nameof(images));
        int channels = shape[0], h = shape[1], w = shape[2], scale = Math.Max(1, (MinimumSide + Math.Max(h, w) - 1) / Math.Max(h, w));
        int tileH = h * scale, tileW = w * scale, columns = Math.Min(rowLength, images.Count), rows = (images.Count + rowLength - 1) / rowLength;
        int width = columns * tileW + (columns + 1) * Gap, height = rows * tileH + (rows + 1) * Gap;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        for (int n = 0; n < images.Count; n++)
        {
            var image = images[n];
            float lo = image.Min(), hi = image.Max(), range = hi > lo ? hi - lo : 1;
            int left = Gap + n % rowLength * (tileW + Gap), top = Gap + n / rowLength * (tileH + Gap);
            for (int y = 0; y < tileH; y++)
                for (int x = 0; x < tileW; x++)
                {
                    int at = ((top + y) * width + left + x) * 3;
                    for (int c = 0; c < 3; c++)
                    {
                        float v = image[(channels == 1 ? 0 : c) * h * w + y / scale * w + x / scale];
                        pixels[at + c] = (byte)Math.Clamp(Math.Round((v - lo) / range * 255), 0, 255);
                    }
                }
        }
        return PngWriter.Encode(pixels, width, height, 3);
    }
}
