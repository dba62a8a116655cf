namespace Dendrite.Data;

/// <summary>
/// A generated set for detection and segmentation (Course 4, weeks 3): filled circles, squares and triangles of
/// random size, colour and position on a dark, noisy background, with each object's box and class and a class per
/// pixel. Objects never overlap, so every box is the tight box of its object and every pixel has one class.
/// </summary>
/// <remarks>
/// The background of each image is one random dark colour (channels in [0, 0.35]) plus uniform noise of ±0.08 per
/// pixel and channel; each object has its own colour with channels in [0.45, 1], so colour carries no hint of the
/// class: only the outline does. A shape of size s at (x0, y0) fills the pixels whose centres lie inside it: the
/// inscribed disc, the whole s×s square, or the triangle with its apex at the top middle and its base on the bottom
/// edge. Its box is [x0, y0, x0 + s, y0 + s].
/// </remarks>
public static class ColoredShapes
{
    /// <summary>The class names, in class-index order (mask value = index + 1).</summary>
    public static IReadOnlyList<string> Classes { get; } = ["circle", "square", "triangle"];

    /// <summary>Generates <paramref name="count"/> images, each with 1 to <paramref name="maxObjects"/> objects.</summary>
    /// <param name="count">Number of images m.</param>
    /// <param name="seed">Seed of everything drawn.</param>
    /// <param name="side">Image side in pixels (at least 16).</param>
    /// <param name="maxObjects">Most objects per image (at least 1).</param>
    /// <param name="minSize">Smallest object side in pixels (default side/8, at least 4).</param>
    /// <param name="maxSize">Largest object side in pixels (default side·3/8).</param>
    public static ColoredShapeSet Generate(int count, int seed, int side = 64, int maxObjects = 3, int? minSize = null, int? maxSize = null)
    {
        int low = minSize ?? Math.Max(4, side / 8), high = maxSize ?? side * 3 / 8;
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"ColoredShapes needs a count ≥ 0 but got {count}.");
        if (side < 16) throw new ArgumentOutOfRangeException(nameof(side), $"ColoredShapes needs images of at least 16×16 but got side {side}.");
        if (maxObjects < 1) throw new ArgumentOutOfRangeException(nameof(maxObjects), $"ColoredShapes needs maxObjects ≥ 1 but got {maxObjects}.");
        if (low < 4 || high < low || high > side)
            throw new ArgumentOutOfRangeException(nameof(minSize), $"ColoredShapes needs 4 ≤ minSize ≤ maxSize ≤ side but got {low}, {high} and side {side}.");
        var random = new Random(seed);
        int plane = side * side;
        var images = new float[count * 3 * plane];
        var masks = new int[count * plane];
        var boxes = new IReadOnlyList<ShapeBox>[count];
        for (int i = 0; i < count; i++)
        {
            var image = images.AsSpan(i * 3 * plane, 3 * plane);
            var mask = masks.AsSpan(i * plane, plane);
            for (int c = 0; c < 3; c++)
            {
                float tone = (float)(0.35 * random.NextDouble());
                foreach (ref float p in image.Slice(c * plane, plane)) p = tone + (float)(0.16 * random.NextDouble() - 0.08);
            }
            boxes[i] = PlaceObjects(image, mask, side, 1 + random.Next(maxObjects), low, high, random);
        }
        foreach (ref float p in images.AsSpan()) p = Math.Clamp(p, 0f, 1f);
        return new ColoredShapeSet(Tensor.FromArray(images, [count, 3, side, side]), Tensor.FromArray(masks, [count, side, side]), boxes);
    }

    /// <summary>Places up to <paramref name="wanted"/> objects whose boxes keep a pixel apart (50 tries each).</summary>
    private static List<ShapeBox> PlaceObjects(Span<float> image, Span<int> mask, int side, int wanted, int low, int high, Random random)
    {
        var placed = new List<ShapeBox>(wanted);
        for (int k = 0, tries = 0; k < wanted && tries < 50 * wanted; tries++)
        {
            int size = random.Next(low, high + 1), x0 = random.Next(0, side - size + 1), y0 = random.Next(0, side - size + 1);
            var box = new ShapeBox(random.Next(Classes.Count), x0, y0, x0 + size, y0 + size);
            if (placed.Any(b => box.X0 <= b.X1 && b.X0 <= box.X1 && box.Y0 <= b.Y1 && b.Y0 <= box.Y1)) continue;
            Span<float> colour = [(float)(0.45 + 0.55 * random.NextDouble()), (float)(0.45 + 0.55 * random.NextDouble()), (float)(0.45 + 0.55 * random.NextDouble())];
            Paint(image, mask, side, box, colour);
            placed.Add(box);
            k++;
        }
        return placed;
    }

    /// <summary>Fills the pixels whose centres lie inside the shape with its colour and its mask value.</summary>
    private static void Paint(Span<float> image, Span<int> mask, int side, ShapeBox box, ReadOnlySpan<float> colour)
    {
        int x0 = (int)box.X0, y0 = (int)box.Y0, size = (int)(box.X1 - box.X0);
        double half = size / 2.0, cx = x0 + half, cy = y0 + half;
        for (int y = y0; y < y0 + size; y++)
            for (int x = x0; x < x0 + size; x++)
            {
                double px = x + 0.5 - cx, py = y + 0.5 - cy, depth = y + 0.5 - y0;
                bool inside = box.Class switch
                {
                    0 => px * px + py * py <= half * half,        // circle: the inscribed disc
                    1 => true,                                    // square: the whole box
                    _ => Math.Abs(px) <= (depth + 0.5) / 2,       // triangle: apex at the top middle, base at the bottom
                };
                if (!inside) continue;
                int at = y * side + x;
                mask[at] = box.Class + 1;
                for (int c = 0; c < 3; c++) image[c * side * side + at] = colour[c];
            }
    }
}
