namespace Dendrite.Vision;

/// <summary>
/// A colour per class for drawing detections: the ten colours of matplotlib's "tab10" cycle, then hues stepped by
/// the golden angle (h = 0.618034·k mod 1, saturation 0.75, value 0.9), so neighbouring classes differ clearly.
/// </summary>
public static class ClassPalette
{
    private static readonly Rgb[] Tab10 =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    /// <summary>The colour of class <paramref name="index"/> (≥ 0); the same index always gives the same colour.</summary>
    public static Rgb For(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Tab10.Length) return Tab10[index];
        double hue = index * 0.6180339887498949 % 1.0;
        return FromHsv(hue, 0.75, 0.9);
    }

    /// <summary>HSV (each in [0, 1]) to RGB: the hue's sextant picks which channel is v, which falls and which rises.</summary>
    private static Rgb FromHsv(double h, double s, double v)
    {
        double sector = h * 6;
        int i = (int)sector % 6;
        double f = sector - Math.Floor(sector);
        double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        var (r, g, b) = i switch { 0 => (v, t, p), 1 => (q, v, p), 2 => (p, v, t), 3 => (p, q, v), 4 => (t, p, v), _ => (v, p, q) };
        return new Rgb(ToByte(r), ToByte(g), ToByte(b));
    }

    private static byte ToByte(double x) => (byte)Math.Round(255 * x);
}
