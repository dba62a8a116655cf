using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>A folder of written PNGs read back as a data set, torchvision's ImageFolder conventions.</summary>
public class ImageFolderTests
{
    /// <summary>Writes image k of a class with every sample = (seed + k + c + y + x) mod 256 / 255.</summary>
    private static Tensor WriteImage(string path, int channels, int height, int width, int seed)
    {
        var values = new float[channels * height * width];
        for (int c = 0, i = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++, i++) values[i] = (seed + 7 * c + 3 * y + x) % 256 / 255f;
        var image = Tensor.FromArray(values, [channels, height, width]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Png.Write(path, image);
        return image;
    }

    [Fact]
    public void Classes_are_sorted_ordinally_and_items_read_back_with_their_labels()
    {
        using var fx = new Fixture();
        // ordinal order puts upper case first: "Zebra" < "ant" < "bee"
        var written = new Dictionary<string, Tensor>
        {
            ["bee/b.png"] = WriteImage(fx.Scratch("bee/b.png"), 3, 4, 5, 1),
            ["bee/a.png"] = WriteImage(fx.Scratch("bee/a.png"), 3, 4, 5, 2),
            ["ant/x.PNG"] = WriteImage(fx.Scratch("ant/x.PNG"), 3, 4, 5, 3),
            ["Zebra/deep/z.png"] = WriteImage(fx.Scratch("Zebra/deep/z.png"), 3, 4, 5, 4),
        };
        File.WriteAllText(fx.Scratch("ant/notes.txt"), "not an image");
        var set = new ImageFolder(fx.Folder);
        Assert.Equal(["Zebra", "ant", "bee"], set.Classes);
        Assert.Equal(2, set.ClassToIndex["bee"]);
        Assert.Equal(4, set.Count);
        string[] order = ["Zebra/deep/z.png", "ant/x.PNG", "bee/a.png", "bee/b.png"];
        Assert.Equal([0, 1, 2, 2], set.Samples.Select(s => s.Label));
        for (int i = 0; i < order.Length; i++)
        {
            var (image, label) = set[i];
            Assert.Equal(set.Samples[i].Label, label);
            Assert.Equal(written[order[i]].ToArray<float>(), image.ToArray<float>());
        }
        var batch = set.Get([3, 0]);
        Assert.Equal([2, 3, 4, 5], batch.Inputs.Shape.ToArray());
        Assert.Equal([2, 0], batch.Targets.ToArray<int>());
        Assert.Equal(written["bee/b.png"].ToArray<float>(), batch.Inputs[0].ToArray<float>());
        var seen = new DataLoader(set, 3, seed: 1).Batches().SelectMany(b => b.Targets.ToArray<int>()).Order();
        Assert.Equal([0, 1, 2, 2], seen);
    }

    [Fact]
    public void Images_of_different_sizes_fail_clearly_unless_resized()
    {
        using var fx = new Fixture();
        WriteImage(fx.Scratch("a/1.png"), 3, 8, 8, 0);
        WriteImage(fx.Scratch("b/2.png"), 3, 6, 10, 0);
        WriteImage(fx.Scratch("b/3.png"), 1, 8, 8, 0);
        var plain = new ImageFolder(fx.Folder);
        var e = Assert.Throws<InvalidDataException>(() => plain.Get([0, 1]));
        Assert.Contains("1.png is [3, 8, 8] but", e.Message);
        Assert.Contains("2.png is [3, 6, 10]", e.Message);
        Assert.Contains("3.png is [1, 8, 8]", Assert.Throws<InvalidDataException>(() => plain.Get([0, 2])).Message);
        var resized = new ImageFolder(fx.Folder, new Resize(4, 4).Apply);
        Assert.Equal([2, 3, 4, 4], resized.Get([0, 1]).Inputs.Shape.ToArray());
    }

    [Fact]
    public void A_folder_without_classes_or_with_an_empty_class_is_refused()
    {
        using var fx = new Fixture();
        Assert.Contains("no class sub-folders", Assert.Throws<InvalidDataException>(() => new ImageFolder(fx.Folder)).Message);
        Directory.CreateDirectory(fx.Scratch("empty"));
        Assert.Contains("holds no .png file", Assert.Throws<InvalidDataException>(() => new ImageFolder(fx.Folder)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => new ImageFolder(fx.Scratch("absent")));
    }
}
