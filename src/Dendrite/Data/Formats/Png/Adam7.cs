namespace Dendrite.Data;

/// <summary>
/// Adam7 interlacing: the image is sent as seven reduced images (passes), each the pixels at
/// (y, x) = (y₀ + i·dy, x₀ + j·dx); a non-interlaced image is one pass with y₀ = x₀ = 0 and dy = dx = 1.
/// </summary>
/// <remarks>
/// The passes' (y₀, x₀, dy, dx): (0,0,8,8), (0,4,8,8), (4,0,8,4), (0,2,4,4), (2,0,4,2), (0,1,2,2), (1,0,2,1). A pass
/// with no pixels (a small image) is left out, as in the file, where it has no rows and no filter bytes.
/// </remarks>
internal static class Adam7
{
    private static readonly (int Y0, int X0, int Dy, int Dx)[] Steps =
        [(0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)];

    /// <summary>One reduced image: its size and where its pixels go in the full image.</summary>
    public readonly record struct Pass(int Width, int Height, int Y0, int X0, int Dy, int Dx);

    /// <summary>The non-empty passes of a <paramref name="width"/>×<paramref name="height"/> image, in file order.</summary>
    public static IEnumerable<Pass> Passes(int width, int height, bool interlaced)
    {
        if (!interlaced)
        {
            yield return new Pass(width, height, 0, 0, 1, 1);
            yield break;
        }
        foreach (var (y0, x0, dy, dx) in Steps)
        {
            // ceil((size − start) / step) pixels, none when the start lies past the edge
            int w = width > x0 ? (width - x0 + dx - 1) / dx : 0;
            int h = height > y0 ? (height - y0 + dy - 1) / dy : 0;
            if (w > 0 && h > 0) yield return new Pass(w, h, y0, x0, dy, dx);
        }
    }
}
