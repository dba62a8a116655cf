using Dendrite.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Data;

public class CatVsNonCatTests
{
    private static string RawFolder => Path.Combine(DataFolder.Find()!, "catvnoncat_raw");

    [DataFact]
    public void Train_HasCourseShapesAnd72Cats()
    {
        var (x, y) = CatVsNonCat.LoadTrain();
        Assert.Equal(new Shape(209, 12288), x.Shape);
        Assert.Equal(new Shape(209, 1), y.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(72, y.ToArray<float>().Count(v => v == 1));
        Assert.All(y.ToArray<float>(), v => Assert.True(v is 0 or 1));
    }

    [DataFact]
    public void Test_HasCourseShapesAnd33Cats()
    {
        var (x, y) = CatVsNonCat.LoadTest(dtype: DType.Float64);
        Assert.Equal(new Shape(50, 12288), x.Shape);
        Assert.Equal(new Shape(50, 1), y.Shape);
        Assert.Equal(DType.Float64, x.DType);
        Assert.Equal(33, y.ToArray<double>().Count(v => v == 1));
    }

    [DataFact]
    public void Pixels_FollowTheCourseFlatteningOrder()
    {
        var raw = File.ReadAllBytes(Path.Combine(RawFolder, "train_x_209x64x64x3.u8"));
        var (x, _) = CatVsNonCat.LoadTrain(dtype: DType.Float64);
        // example 7, row 31, column 17, channel 2 (blue): byte ((7·64 + 31)·64 + 17)·3 + 2 of the raw array
        const int example = 7, row = 31, col = 17, channel = 2;
        int feature = (row * 64 + col) * 3 + channel;
        byte value = raw[(long)example * 12288 + feature];
        Assert.Equal(value / 255.0, x.Get(example, feature));
        var (x32, _) = CatVsNonCat.LoadTrain(RawFolder);
        Assert.Equal((float)(value / 255.0), (float)x32.Get(example, feature));
        Assert.InRange(x.ToArray<double>().Max(), 0.9, 1.0);
        Assert.Equal(0.0, x.ToArray<double>().Min(), 12);
    }

    [Fact]
    public void MissingFolder_SaysWhichFolder()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => CatVsNonCat.LoadTrain("/nonexistent/catvnoncat_raw"));
        Assert.Contains("/nonexistent/catvnoncat_raw", e.Message);
    }

    [Fact]
    public void WrongSizedFiles_SayWhatWasExpected()
    {
        using var fx = new Fixture();
        var e = Assert.Throws<FileNotFoundException>(() => CatVsNonCat.LoadTest(fx.Folder));
        Assert.Contains("test_x_50x64x64x3.u8", e.Message);
        File.WriteAllBytes(fx.Scratch("test_x_50x64x64x3.u8"), new byte[1000]);
        var size = Assert.Throws<InvalidDataException>(() => CatVsNonCat.LoadTest(fx.Folder));
        Assert.Contains("expected 614400 bytes", size.Message);
        File.WriteAllBytes(fx.Scratch("test_x_50x64x64x3.u8"), new byte[614400]);
        File.WriteAllText(fx.Scratch("test_y.csv"), "0,1,1");
        var labels = Assert.Throws<InvalidDataException>(() => CatVsNonCat.LoadTest(fx.Folder));
        Assert.Contains("expected 50 labels but found 3", labels.Message);
    }
}
