namespace Dendrite.Vision;

/// <summary>A copy of an RGB image [3, H, W] to paint on; every write is clipped at the image edge.</summary>
internal sealed class ImageCanvas
{
    private readonly Tensor _image;
    private readonly int _plane;

    /// <summary>A copy of <paramref name="image"/>, float32 or float64 [3, H, W]; <paramref name="caller"/> names the drawing call in errors.</summary>
    public ImageCanvas(Tensor image, string caller)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank != 3 || image.Shape[0] != 3 || image.DType == DType.Int32)
            throw new ArgumentException($"{caller} draws on an RGB float image [3, H, W] but got {image.DType} {image.Shape}.", nameof(image));
        _image = image.Clone();
        Height = image.Shape[1];
        Width = image.Shape[2];
        _plane = Height * Width;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>The painted image.</summary>
    public Tensor Result => _image;

    /// <summary>Paints the pixels (x, y) with left ≤ x ≤ right and top ≤ y ≤ bottom that lie inside the image.</summary>
    public void Fill(int left, int top, int right, int bottom, Rgb colour)
    {
        int x0 = Math.Max(left, 0), x1 = Math.Min(right, Width - 1), y0 = Math.Max(top, 0), y1 = Math.Min(bottom, Height - 1);
        if (x0 > x1 || y0 > y1) return;
        Span<double> value = [colour.R / 255.0, colour.G / 255.0, colour.B / 255.0];
        _image.MarkWritten();
        for (int c = 0; c < 3; c++)
            for (int y = y0; y <= y1; y++)
            {
                int from = c * _plane + y * Width + x0, count = x1 - x0 + 1;
                if (_image.Storage is float[] f) f.AsSpan(from, count).Fill((float)value[c]);
                else ((double[])_image.Storage).AsSpan(from, count).Fill(value[c]);
            }
    }

    /// <summary>Writes <paramref name="text"/> in <see cref="BitmapFont"/> with its top-left glyph pixel at (x, y).</summary>
    public void Text(string text, int x, int y, Rgb colour)
    {
        for (int k = 0; k < text.Length; k++)
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                    if (BitmapFont.IsOn(text[k], row, column))
                    {
                        int px = x + k * BitmapFont.Advance + column, py = y + row;
                        Fill(px, py, px, py, colour);
                    }
    }
}
