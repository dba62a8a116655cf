using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class ColoredShapesTests
{
    [Fact]
    public void Masks_boxes_and_pixels_agree()
    {
        var set = ColoredShapes.Generate(60, seed: 3, side: 48, maxObjects: 4);
        Assert.Equal(new Shape(60, 3, 48, 48), set.Images.Shape);
        Assert.Equal(new Shape(60, 48, 48), set.Masks.Shape);
        var masks = set.Masks.ToArray<int>();
        var images = set.Images.ToArray<float>();
        Assert.All(images, p => Assert.InRange(p, 0f, 1f));
        int[] perClass = new int[3];
        for (int i = 0; i < set.Count; i++)
        {
            var boxes = set.Boxes[i];
            Assert.InRange(boxes.Count, 1, 4);
            for (int y = 0; y < 48; y++)
                for (int x = 0; x < 48; x++)
                {
                    int value = masks[i * 48 * 48 + y * 48 + x];
                    var holders = boxes.Where(b => b.X0 <= x && x < b.X1 && b.Y0 <= y && y < b.Y1).ToList();
                    Assert.True(holders.Count <= 1, "boxes overlap");
                    if (value == 0) continue;
                    Assert.Single(holders);
                    Assert.Equal(holders[0].Class + 1, value);
                }
            foreach (var b in boxes)
            {
                perClass[b.Class]++;
                int size = (int)(b.X1 - b.X0), filled = 0;
                Assert.Equal(size, (int)(b.Y1 - b.Y0));
                for (int y = (int)b.Y0; y < b.Y1; y++)
                    for (int x = (int)b.X0; x < b.X1; x++)
                        if (masks[i * 48 * 48 + y * 48 + x] != 0) filled++;
                double expected = b.Class switch { 0 => Math.PI / 4 * size * size, 1 => size * size, _ => 0.5 * size * (size + 1) };
                Assert.InRange(filled, expected * 0.8 - 2, expected * 1.2 + 2);
                // the object reaches every edge of its box (the triangle's apex the top, its base the bottom)
                Assert.True(Enumerable.Range((int)b.X0, size).Any(x => masks[i * 48 * 48 + (int)b.Y0 * 48 + x] != 0) , $"class {b.Class} size {size} misses the top edge");
                Assert.Contains(Enumerable.Range((int)b.X0, size), x => masks[i * 48 * 48 + ((int)b.Y1 - 1) * 48 + x] != 0);
            }
        }
        Assert.All(perClass, n => Assert.True(n > 15, $"classes drawn {string.Join(", ", perClass)}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_set()
    {
        var a = ColoredShapes.Generate(5, seed: 9, side: 32);
        var b = ColoredShapes.Generate(5, seed: 9, side: 32);
        Assert.Equal(a.Images.ToArray<float>(), b.Images.ToArray<float>());
        Assert.Equal(a.Boxes.SelectMany(x => x), b.Boxes.SelectMany(x => x));
        Assert.NotEqual(a.Images.ToArray<float>(), ColoredShapes.Generate(5, seed: 10, side: 32).Images.ToArray<float>());
    }

    [Fact]
    public void Bad_sizes_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ColoredShapes.Generate(1, 0, side: 32, minSize: 20, maxSize: 10));
        Assert.Contains("minSize", e.Message);
    }
}
