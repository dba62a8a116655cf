namespace Dendrite.Vision;

/// <summary>A colour as 8-bit red, green and blue; drawn onto float images as value / 255.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>White.</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>Black.</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>Relative luminance, 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), in 0–255.</summary>
    public double Luma => 0.299 * R + 0.587 * G + 0.114 * B;

    /// <summary>Black or white, whichever reads better on this colour.</summary>
    public Rgb Contrasting => Luma >= 128 ? Black : White;

    /// <summary>For example <c>#1f77b4</c>.</summary>
    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
