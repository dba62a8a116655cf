using Dendrite.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Data;

public class MnistTests
{
    [DataFact]
    public void Train_Shapes_FirstLabelFive_PixelRange_ClassCounts()
    {
        var (x, y) = Mnist.Load(train: true);
        Assert.Equal(new Shape(60000, 784), x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(new Shape(60000), y.Shape);
        Assert.Equal(DType.Int32, y.DType);
        var labels = y.ToArray<int>();
        Assert.Equal(5, labels[0]);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
            Enumerable.Range(0, 10).Select(c => labels.Count(l => l == c)));
        var pixels = x.ToArray<float>();
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
        Assert.Equal(33.318 / 255, pixels.Average(p => (double)p), 4); // the README's mean pixel, 33.318 of 255
    }

    [DataFact]
    public void Test_AsImages_ForCnns()
    {
        var (x, y) = Mnist.Load(train: false, flatten: false);
        Assert.Equal(new Shape(10000, 1, 28, 28), x.Shape);
        Assert.Equal(new Shape(10000), y.Shape);
        Assert.Equal(7, y.ToArray<int>()[0]); // the first test digit is a 7
        Assert.Equal(33.791 / 255, x.ToArray<float>().Average(p => (double)p), 4);
    }

    [DataFact]
    public void Fashion_LabelSet_AndBalance()
    {
        var (x, y) = FashionMnist.Load(train: false);
        Assert.Equal(new Shape(10000, 784), x.Shape);
        var labels = y.ToArray<int>();
        Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().Order());
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, labels.Count(l => l == c)));
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        var pixels = x.ToArray<float>();
        Assert.InRange(pixels.Min(), 0f, 0f);
        Assert.InRange(pixels.Max(), 1f, 1f);
    }

    [DataFact]
    public void Fashion_Train_SixThousandPerClass()
    {
        var (x, y) = FashionMnist.Load();
        Assert.Equal(new Shape(60000, 784), x.Shape);
        var labels = y.ToArray<int>();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, labels.Count(l => l == c)));
    }
}
