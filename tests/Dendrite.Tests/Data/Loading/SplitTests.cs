using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class SplitTests
{
    /// <summary>A dataset whose example i has input i and target 10·i, so a batch reveals which examples it holds.</summary>
    private static TensorDataset Numbered(int m, int first = 0) =>
        new(Tensor.FromArray(Enumerable.Range(first, m).Select(i => (float)i).ToArray(), [m, 1]),
            Tensor.FromArray(Enumerable.Range(first, m).Select(i => 10 * i).ToArray(), [m]));

    private static int[] Ids(IDataset d) =>
        d.Count == 0 ? [] : [.. d.Get(Enumerable.Range(0, d.Count).ToArray()).Inputs.ToArray<float>().Select(v => (int)v)];

    [Theory]
    [InlineData(100, 0.6, 0.2, 0.2)]
    [InlineData(101, 0.98, 0.01, 0.01)]
    [InlineData(7, 0.5, 0.5, 0)]
    public void TrainDevTest_DisjointCoveringAndSized(int m, double train, double dev, double test)
    {
        var (a, b, c) = Split.TrainDevTest(Numbered(m), train, dev, test, seed: 4);
        var all = Ids(a).Concat(Ids(b)).Concat(Ids(c)).ToArray();
        Assert.Equal(Enumerable.Range(0, m), all.Order()); // disjoint and covering: a permutation of 0…m−1
        Assert.InRange(a.Count, m * train - 1, m * train + 1);
        Assert.InRange(b.Count, m * dev - 1, m * dev + 1);
        Assert.InRange(c.Count, m * test - 1, m * test + 1);
    }

    [Fact]
    public void SameSeed_SameSplit_OtherSeed_Other()
    {
        var d = Numbered(50);
        var s1 = Split.TrainDevTest(d, 0.6, 0.2, 0.2, seed: 1);
        var s2 = Split.TrainDevTest(d, 0.6, 0.2, 0.2, seed: 1);
        var s3 = Split.TrainDevTest(d, 0.6, 0.2, 0.2, seed: 2);
        Assert.Equal(s1.Dev.Indices, s2.Dev.Indices);
        Assert.Equal(s1.Train.Indices, s2.Train.Indices);
        Assert.NotEqual(s1.Dev.Indices, s3.Dev.Indices);
    }

    [Fact]
    public void TensorOverload_KeepsRowsPaired()
    {
        var d = Numbered(30);
        var (train, dev, test) = Split.TrainDevTest(d.Inputs, d.Targets, 0.5, 0.3, 0.2, seed: 3);
        foreach (var part in new[] { train, dev, test })
            Assert.Equal(part.Inputs.ToArray<float>().Select(v => 10 * (int)v), part.Targets.ToArray<int>());
        Assert.Equal(30, train.Count + dev.Count + test.Count);
    }

    [Fact]
    public void BadFractions_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => Split.Indices(10, [0.5, 0.4], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.Indices(10, [1.5, -0.5], 0));
    }

    [Fact]
    public void Subset_MapsIndices_AndChecksRange()
    {
        var s = new Subset(Numbered(10), [7, 2, 5]);
        Assert.Equal(3, s.Count);
        Assert.Equal([5f, 7f], s.Get([2, 0]).Inputs.ToArray<float>());
        Assert.Equal([50, 70], s.Get([2, 0]).Targets.ToArray<int>());
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Get([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subset(Numbered(10), [10]));
    }

    [Fact]
    public void Concat_ReturnsRowsInRequestedOrder_AcrossParts()
    {
        var c = new ConcatDataset(Numbered(3), Numbered(0), Numbered(4, first: 100));
        Assert.Equal(7, c.Count);
        var batch = c.Get([5, 0, 3, 2, 6]);
        Assert.Equal([102f, 0f, 100f, 2f, 103f], batch.Inputs.ToArray<float>());
        Assert.Equal([1020, 0, 1000, 20, 1030], batch.Targets.ToArray<int>());
    }

    [Fact]
    public void TrainDev_And_DataMismatch_AreDisjointAndCovering()
    {
        var (train, trainDev) = Split.TrainDev(Numbered(100), 0.1, seed: 5);
        Assert.Equal(10, trainDev.Count);
        Assert.Equal(Enumerable.Range(0, 100), Ids(train).Concat(Ids(trainDev)).Order());

        var source = Numbered(200);               // "web images": ids 0…199
        var target = Numbered(40, first: 1000);   // "phone pictures": ids 1000…1039
        var s = Split.DataMismatch(source, target, targetInTrain: 0.5, trainDev: 0.1, seed: 6);
        var tr = Ids(s.Train); var td = Ids(s.TrainDev); var dev = Ids(s.Dev); var test = Ids(s.Test);
        Assert.Equal(Enumerable.Range(0, 200).Concat(Enumerable.Range(1000, 40)), tr.Concat(td).Concat(dev).Concat(test).Order());
        Assert.Equal(10, dev.Length);
        Assert.Equal(10, test.Length);
        Assert.All(dev.Concat(test), id => Assert.True(id >= 1000));  // dev and test come only from the target distribution
        Assert.Equal(22, td.Length);                                   // 10% of the 220-example training pool
        Assert.Equal(tr, Ids(Split.DataMismatch(source, target, 0.5, 0.1, seed: 6).Train));
    }
}
