using Dendrite.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Data;

/// <summary>The course's own .h5 data sets read through <see cref="Hdf5"/>, checked against the raw export and the data READMEs.</summary>
public class Hdf5Tests
{
    private static string Shared(params string[] parts) => Path.Combine([DataFolder.Find()!, .. parts]);

    [DataFact]
    public void Cat_h5_equals_the_raw_export_byte_for_byte()
    {
        var x = Hdf5.Read(Shared("catvnoncat", "test_catvnoncat.h5"), "test_set_x");
        var y = Hdf5.Read(Shared("catvnoncat", "test_catvnoncat.h5"), "test_set_y");
        Assert.Equal(new Shape(50, 64, 64, 3), x.Shape);
        Assert.Equal(DType.Int32, x.DType);
        var raw = File.ReadAllBytes(Shared("catvnoncat_raw", "test_x_50x64x64x3.u8"));
        Assert.Equal(Array.ConvertAll(raw, b => (int)b), x.ToArray<int>());
        Assert.Equal(33, y.ToArray<int>().Count(v => v == 1));
        var (_, rawLabels) = CatVsNonCat.LoadTest(Shared("catvnoncat_raw"));
        Assert.Equal(rawLabels.ToArray<float>(), Array.ConvertAll(y.ToArray<int>(), v => (float)v));
    }

    [DataFact]
    public void Signs_test_set_has_twenty_of_each_class()
    {
        string path = Shared("signs", "test_signs.h5");
        var x = Hdf5.Read(path, "test_set_x");
        var y = Hdf5.Read(path, "test_set_y");
        Assert.Equal(new Shape(120, 64, 64, 3), x.Shape);
        var pixels = x.ToArray<int>();
        Assert.Equal((3, 241), (pixels.Min(), pixels.Max()));   // the README's verified range
        Assert.Equal(181.95, pixels.Average(), 2);
        Assert.All(Enumerable.Range(0, 6), c => Assert.Equal(20, y.ToArray<int>().Count(v => v == c)));
        Assert.Equal([0, 1, 2, 3, 4, 5], Hdf5.Read(path, "list_classes").ToArray<int>());
    }

    [DataFact]
    public void A_missing_dataset_is_named_with_the_file_and_what_it_holds()
    {
        string path = Shared("signs", "test_signs.h5");
        var e = Assert.Throws<InvalidDataException>(() => Hdf5.Read(path, "train_set_x"));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("'train_set_x'", e.Message);
        Assert.Contains("test_set_y", e.Message);
    }
}
