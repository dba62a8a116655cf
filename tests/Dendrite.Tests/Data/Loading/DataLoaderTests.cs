using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class DataLoaderTests
{
    private static TensorDataset Numbered(int m) =>
        new(Tensor.FromArray(Enumerable.Range(0, m).Select(i => (float)i).ToArray(), [m, 1]),
            Tensor.FromArray(Enumerable.Range(0, m).ToArray(), [m]));

    private static List<int[]> Epoch(DataLoader loader, int epoch) =>
        [.. loader.Batches(epoch).Select(b => b.Targets.ToArray<int>())];

    [Theory]
    [InlineData(10, 3)]
    [InlineData(10, 1)]
    [InlineData(10, 10)]
    [InlineData(10, 64)]
    public void EachEpoch_VisitsEveryExampleOnce_LastBatchSmaller(int m, int batchSize)
    {
        var loader = new DataLoader(Numbered(m), batchSize, seed: 1);
        var batches = Epoch(loader, 0);
        Assert.Equal(loader.BatchCount, batches.Count);
        Assert.Equal(Enumerable.Range(0, m), batches.SelectMany(b => b).Order());
        Assert.All(batches.SkipLast(1), b => Assert.Equal(batchSize, b.Length));
        Assert.Equal(m % batchSize == 0 ? Math.Min(batchSize, m) : m % batchSize, batches[^1].Length);
    }

    [Fact]
    public void BatchSizeM_IsFullBatch_BatchSizeOne_IsStochastic()
    {
        Assert.Single(Epoch(new DataLoader(Numbered(8), 8), 0));
        Assert.All(Epoch(new DataLoader(Numbered(8), 1), 0), b => Assert.Single(b));
    }

    [Fact]
    public void SameSeedAndEpoch_SameOrder_OtherEpoch_OtherOrder()
    {
        var a = new DataLoader(Numbered(50), 7, seed: 3);
        var b = new DataLoader(Numbered(50), 7, seed: 3);
        Assert.Equal(Epoch(a, 2), Epoch(b, 2));
        Assert.NotEqual(a.Order(0), a.Order(1));
        Assert.NotEqual(a.Order(0), new DataLoader(Numbered(50), 7, seed: 4).Order(0));
        Assert.Equal(Enumerable.Range(0, 50), new DataLoader(Numbered(50), 7, shuffle: false).Order(5));
    }

    [Fact]
    public void DropLast_SkipsTheShortBatch()
    {
        var batches = Epoch(new DataLoader(Numbered(10), 3, dropLast: true), 0);
        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.Equal(3, b.Length));
    }

    [Fact]
    public void InputsAndTargets_StayPaired()
    {
        foreach (var batch in new DataLoader(Numbered(20), 6, seed: 9).Batches(1))
            Assert.Equal(batch.Targets.ToArray<int>().Select(t => (float)t), batch.Inputs.ToArray<float>());
    }
}
