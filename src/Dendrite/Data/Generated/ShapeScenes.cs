namespace Dendrite.Data;

/// <summary>
/// A generated multi-label set for multi-task learning: small grey images, each holding any subset of four shapes —
/// a filled circle, a filled square, a filled triangle and a plus sign — at random sizes and places on a noisy
/// background; the labels say which shapes appear. Some labels can be hidden (NaN), as in the course's self-driving
/// example where a picture was labelled for pedestrians and cars but not for stop signs.
/// </summary>
public static class ShapeScenes
{
    /// <summary>The shapes, in label order.</summary>
    public static IReadOnlyList<string> Shapes { get; } = ["circle", "square", "triangle", "plus"];

    /// <summary>
    /// Generates X [m, 1, side, side] in [0, 1] and Y [m, 4] (1: the shape appears, 0: it does not, NaN: not labelled).
    /// </summary>
    /// <param name="count">Number of images m.</param>
    /// <param name="seed">Seed of everything drawn.</param>
    /// <param name="side">Image side in pixels (at least 12).</param>
    /// <param name="missing">Probability that each label is hidden (NaN).</param>
    public static (Tensor X, Tensor Y) Generate(int count, int seed, int side = 16, double missing = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"ShapeScenes needs a count ≥ 0 but got {count}.");
        if (side < 12) throw new ArgumentOutOfRangeException(nameof(side), $"ShapeScenes needs images of at least 12×12 but got side {side}.");
        if (missing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(missing), $"The missing-label probability must be in [0, 1) but is {missing}.");
        var random = new Random(seed);
        var x = new float[count * side * side];
        var y = new float[count * Shapes.Count];
        for (int i = 0; i < count; i++)
        {
            var image = x.AsSpan(i * side * side, side * side);
            for (int p = 0; p < image.Length; p++) image[p] = (float)(0.15 * random.NextDouble());
            for (int s = 0; s < Shapes.Count; s++)
            {
                bool present = random.NextDouble() < 0.5;
                if (present) Draw(image, side, s, random);
                y[i * Shapes.Count + s] = present ? 1 : 0;
            }
            for (int s = 0; s < Shapes.Count; s++)
                if (random.NextDouble() < missing) y[i * Shapes.Count + s] = float.NaN;
        }
        return (Tensor.FromArray(x, [count, 1, side, side]), Tensor.FromArray(y, [count, Shapes.Count]));
    }

    /// <summary>Paints shape <paramref name="shape"/> of side 5–7 pixels at a random place, with a brightness in [0.6, 1].</summary>
    private static void Draw(Span<float> image, int side, int shape, Random random)
    {
        int size = random.Next(5, 8), left = random.Next(0, side - size + 1), top = random.Next(0, side - size + 1);
        float value = (float)(0.6 + 0.4 * random.NextDouble());
        double r = (size - 1) / 2.0;
        for (int u = 0; u < size; u++)
            for (int v = 0; v < size; v++)
            {
                double dy = u - r, dx = v - r;
                bool inside = shape switch
                {
                    0 => dx * dx + dy * dy <= r * r + 0.5,                       // circle
                    1 => true,                                                  // square
                    2 => Math.Abs(dx) <= (u + 1) * r / size + 0.01,             // triangle, apex up
                    _ => Math.Abs(dx) < 1 || Math.Abs(dy) < 1,                  // plus
                };
                if (inside) image[(top + u) * side + left + v] = value;
            }
    }
}
