using System.Globalization;

namespace Dendrite.Vision;

/// <summary>
/// Draws boxes and labels onto RGB images [3, H, W] (float, values in [0, 1]), like torchvision's
/// <c>draw_bounding_boxes</c>: each call returns a new image and leaves its input unchanged; whatever falls outside
/// the image is clipped.
/// </summary>
/// <remarks>
/// A box (x1, y1, x2, y2) covers the pixel columns ⌊x1⌋ … ⌈x2⌉ − 1 and rows ⌊y1⌋ … ⌈y2⌉ − 1; its outline is the
/// covered pixels within <c>thickness</c> pixels of that rectangle's border, so the line grows inward. A label is
/// text in <see cref="BitmapFont"/> on a filled rectangle one pixel wider on every side (height 9 pixels).
/// </remarks>
public static class Draw
{
    /// <summary>Height of a label's background: a glyph plus one pixel above and below.</summary>
    public const int LabelHeight = BitmapFont.GlyphHeight + 2;

    /// <summary>The image with the outline of box (x1, y1, x2, y2) painted in <paramref name="colour"/>.</summary>
    /// <remarks><b>Shape:</b> [3, H, W] → [3, H, W].</remarks>
    public static Tensor Rectangle(Tensor image, double x1, double y1, double x2, double y2, Rgb colour, int thickness = 1)
    {
        var canvas = new ImageCanvas(image, "Draw.Rectangle");
        Outline(canvas, x1, y1, x2, y2, colour, thickness);
        return canvas.Result;
    }

    /// <summary>The image with <paramref name="text"/> on a <paramref name="background"/> rectangle whose top-left pixel is (x, y).</summary>
    /// <param name="image">RGB image [3, H, W].</param>
    /// <param name="text">The label; letters are drawn as capitals.</param>
    /// <param name="x">Left column of the background.</param>
    /// <param name="y">Top row of the background.</param>
    /// <param name="background">Fill behind the text.</param>
    /// <param name="textColour">The text's colour; black or white, whichever contrasts with the background, if null.</param>
    public static Tensor Label(Tensor image, string text, int x, int y, Rgb background, Rgb? textColour = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var canvas = new ImageCanvas(image, "Draw.Label");
        PaintLabel(canvas, text, x, y, background, textColour ?? background.Contrasting);
        return canvas.Result;
    }

    /// <summary>
    /// The image with every detection's box in its class's colour (<see cref="ClassPalette"/>) and a label such as
    /// <c>circle 0.93</c> (class name, score to two decimals) above the box, or inside its top when there is no room
    /// above, shifted left where it would leave the image.
    /// </summary>
    /// <param name="image">RGB image [3, H, W].</param>
    /// <param name="detections">The boxes, in pixel coordinates of this image; their <c>Image</c> index is not used.</param>
    /// <param name="classNames">Names by class index; a class past the list is labelled by its number.</param>
    /// <param name="thickness">Outline width in pixels.</param>
    public static Tensor Detections(Tensor image, IEnumerable<Detection> detections, IReadOnlyList<string> classNames, int thickness = 2)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(classNames);
        var canvas = new ImageCanvas(image, "Draw.Detections");
        foreach (var d in detections)
        {
            var colour = ClassPalette.For(d.Class);
            Outline(canvas, d.X1, d.Y1, d.X2, d.Y2, colour, thickness);
            string name = d.Class < classNames.Count ? classNames[d.Class] : d.Class.ToString(CultureInfo.InvariantCulture);
            string text = $"{name} {d.Score.ToString("0.00", CultureInfo.InvariantCulture)}";
            int width = BitmapFont.Measure(text) + 2, top = Pixel(d.Y1, canvas.Height);
            int labelTop = top - LabelHeight >= 0 ? top - LabelHeight : Math.Max(top, 0);
            int labelLeft = Math.Max(0, Math.Min(Pixel(d.X1, canvas.Width), canvas.Width - width));
            PaintLabel(canvas, text, labelLeft, labelTop, colour, colour.Contrasting);
        }
        return canvas.Result;
    }

    private static void Outline(ImageCanvas canvas, double x1, double y1, double x2, double y2, Rgb colour, int thickness)
    {
        if (thickness < 1) throw new ArgumentOutOfRangeException(nameof(thickness), $"Draw: thickness must be at least 1 but is {thickness}.");
        if (!(double.IsFinite(x1) && double.IsFinite(y1) && double.IsFinite(x2) && double.IsFinite(y2)))
            throw new ArgumentException($"Draw: the box ({x1}, {y1}, {x2}, {y2}) has a coordinate that is not a finite number.");
        int left = Pixel(x1, canvas.Width), top = Pixel(y1, canvas.Height);
        int right = Pixel(Math.Ceiling(x2) - 1, canvas.Width), bottom = Pixel(Math.Ceiling(y2) - 1, canvas.Height);
        if (left > right || top > bottom) return;
        int t = Math.Min(thickness, 1 << 21) - 1;   // a band wider than any image is as good as the whole box
        canvas.Fill(left, top, right, Math.Min(top + t, bottom), colour);       // top band
        canvas.Fill(left, Math.Max(bottom - t, top), right, bottom, colour);    // bottom band
        canvas.Fill(left, top, Math.Min(left + t, right), bottom, colour);      // left band
        canvas.Fill(Math.Max(right - t, left), top, right, bottom, colour);     // right band
    }

    private static void PaintLabel(ImageCanvas canvas, string text, int x, int y, Rgb background, Rgb textColour)
    {
        canvas.Fill(x, y, x + BitmapFont.Measure(text) + 1, y + LabelHeight - 1, background);
        canvas.Text(text, x + 1, y + 1, textColour);
    }

    /// <summary>⌊v⌋ as a pixel index, held a little beyond [0, size) so huge coordinates cannot overflow.</summary>
    private static int Pixel(double v, int size) => (int)Math.Floor(Math.Clamp(v, -(1 << 20), size + (1 << 20)));
}
