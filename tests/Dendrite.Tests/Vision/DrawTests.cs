using Dendrite.Vision;

namespace Dendrite.Tests.Vision;

/// <summary>Boxes and labels drawn onto images: which pixels change, clipping at the edge, and the label's text.</summary>
public class DrawTests
{
    private static readonly Rgb Red = new(255, 0, 0);

    /// <summary>Whether pixel (x, y) of a [3, H, W] image has exactly the colour <paramref name="c"/>.</summary>
    private static bool Is(float[] image, int height, int width, int x, int y, Rgb c) =>
        image[y * width + x] == c.R / 255f && image[height * width + y * width + x] == c.G / 255f && image[2 * height * width + y * width + x] == c.B / 255f;

    [Fact]
    public void An_outline_covers_the_border_band_of_the_box_and_nothing_else()
    {
        var image = Tensor.Full([3, 20, 30], 0.5);
        var drawn = Draw.Rectangle(image, 5, 4, 15, 12, Red, thickness: 2).ToArray<float>();
        // the box covers columns 5…14 and rows 4…11; a 2-pixel band of it is painted
        int painted = 0;
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 30; x++)
            {
                bool inBox = x >= 5 && x <= 14 && y >= 4 && y <= 11;
                bool inInner = x >= 7 && x <= 12 && y >= 6 && y <= 9;
                bool red = Is(drawn, 20, 30, x, y, Red);
                Assert.True(red == (inBox && !inInner), $"pixel ({x}, {y}) red {red}");
                if (!red) Assert.Equal(0.5f, drawn[y * 30 + x]);
                painted += red ? 1 : 0;
            }
        Assert.Equal(10 * 8 - 6 * 4, painted);
        Assert.All(image.ToArray<float>(), v => Assert.Equal(0.5f, v));   // the input is left unchanged
    }

    [Fact]
    public void Boxes_are_clipped_at_the_image_edge()
    {
        var image = Tensor.Zeros([3, 20, 20]);
        var drawn = Draw.Rectangle(image, -5, -5, 5, 5, Red).ToArray<float>();
        // only the right edge (column 4, rows 0…4) and the bottom edge (row 4, columns 0…4) are inside: 9 pixels
        int red = Enumerable.Range(0, 400).Count(p => Is(drawn, 20, 20, p % 20, p / 20, Red));
        Assert.Equal(9, red);
        Assert.True(Is(drawn, 20, 20, 4, 0, Red) && Is(drawn, 20, 20, 0, 4, Red) && !Is(drawn, 20, 20, 0, 0, Red));
        Assert.Equal(new float[1200], Draw.Rectangle(image, 30, 30, 40, 40, Red).ToArray<float>());
        var huge = Draw.Rectangle(image, -1e12, 2, 1e12, 1e12, Red, thickness: int.MaxValue).ToArray<float>();
        Assert.Equal(18 * 20, Enumerable.Range(0, 400).Count(p => Is(huge, 20, 20, p % 20, p / 20, Red)));
        Assert.Throws<ArgumentException>(() => Draw.Rectangle(image, double.NaN, 0, 1, 1, Red));
        Assert.Contains("[3, H, W] but got Float32 [1, 20, 20]", Assert.Throws<ArgumentException>(() => Draw.Rectangle(Tensor.Zeros([1, 20, 20]), 0, 0, 1, 1, Red)).Message);
    }

    [Fact]
    public void A_detection_gets_its_box_and_a_label_above_it_with_the_text_pixels_of_the_font()
    {
        var image = Tensor.Zeros([3, 60, 120]);
        var detection = new Detection(0, 1, 0.934, 20, 30, 50, 55);
        var drawn = Draw.Detections(image, [detection], ["square", "circle"]).ToArray<float>();
        var colour = ClassPalette.For(1);
        const string text = "circle 0.93";
        int width = BitmapFont.Measure(text) + 2;   // 11 glyphs: 65 pixels, plus a 1-pixel margin each side
        Assert.Equal(67, width);
        // label background rows 21…29 (9 rows just above row 30), columns 20…86; text starts at (21, 22)
        int textPixels = 0, backgroundPixels = 0;
        for (int y = 21; y <= 29; y++)
            for (int x = 20; x < 20 + width; x++)
            {
                int gx = x - 21, gy = y - 22;
                bool on = gy >= 0 && gy < 7 && gx >= 0 && gx % 6 < 5 && gx / 6 < text.Length && BitmapFont.IsOn(text[gx / 6], gy, gx % 6);
                if (on) Assert.True(Is(drawn, 60, 120, x, y, colour.Contrasting), $"text pixel ({x}, {y})");
                else Assert.True(Is(drawn, 60, 120, x, y, colour), $"background pixel ({x}, {y})");
                textPixels += on ? 1 : 0;
                backgroundPixels += on ? 0 : 1;
            }
        Assert.True(textPixels > 100 && backgroundPixels > 300);
        Assert.True(Is(drawn, 60, 120, 20, 54, colour) && Is(drawn, 60, 120, 49, 30, colour));   // box corners
        Assert.False(Is(drawn, 60, 120, 20, 20, colour));   // above the label
        Assert.False(Is(drawn, 60, 120, 35, 42, colour));   // inside the box
    }

    [Fact]
    public void A_label_with_no_room_above_goes_inside_the_box_and_stays_inside_the_image()
    {
        var image = Tensor.Zeros([3, 40, 80]);
        var drawn = Draw.Detections(image, [new Detection(0, 0, 0.5, 60, 2, 79, 30)], ["dog"]).ToArray<float>();
        var colour = ClassPalette.For(0);
        int width = BitmapFont.Measure("dog 0.50") + 2;
        Assert.Equal(49, width);
        // shifted left to end at the last column (31…79), top row at the box's top (2…10)
        Assert.True(Is(drawn, 40, 80, 31, 2, colour) && Is(drawn, 40, 80, 79, 2 + Draw.LabelHeight - 1, colour) && Is(drawn, 40, 80, 31, 10, colour));
        Assert.False(Is(drawn, 40, 80, 30, 2, colour) || Is(drawn, 40, 80, 31, 11, colour) || Is(drawn, 40, 80, 31, 1, colour));
    }

    [Fact]
    public void The_font_has_a_distinct_glyph_for_every_character_it_claims()
    {
        string required = "abcdefghijklmnopqrstuvwxyz0123456789 .:%-_";
        Assert.All(required, c => Assert.True(BitmapFont.Supports(c), $"'{c}'"));
        var shapes = BitmapFont.Characters.Select(c => string.Concat(Enumerable.Range(0, 35).Select(i => BitmapFont.IsOn(c, i / 5, i % 5) ? '#' : '.'))).ToList();
        Assert.Equal(shapes.Count, shapes.Distinct().Count());
        Assert.Equal(1, shapes.Count(s => !s.Contains('#')));   // only the space is blank
        Assert.False(BitmapFont.Supports('€'));
        Assert.True(BitmapFont.IsOn('€', 0, 0) && !BitmapFont.IsOn('€', 3, 2));   // drawn as a hollow box
    }

    [Fact]
    public void Class_colours_are_fixed_and_distinct()
    {
        Assert.Equal(new Rgb(31, 119, 180), ClassPalette.For(0));
        var colours = Enumerable.Range(0, 40).Select(ClassPalette.For).ToList();
        Assert.Equal(40, colours.Distinct().Count());
        Assert.Equal(colours, Enumerable.Range(0, 40).Select(ClassPalette.For));
    }
}
