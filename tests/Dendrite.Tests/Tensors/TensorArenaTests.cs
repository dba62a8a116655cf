using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;
using Xunit;

namespace Dendrite.Tests.Tensors;

public class TensorArenaTests
{
    [Fact]
    public void StorageIsReusedAfterRecycleAndOnlyInsideTheArena()
    {
        var arena = new TensorArena();
        Array first;
        using (arena.Enter())
        {
            var a = Tensor.Zeros([3, 4]);
            first = a.Storage;
            Assert.Equal(48, arena.LentBytes);
            arena.Recycle();
            Assert.Equal(0, arena.LentBytes);
            var b = Tensor.Ones([4, 3]);                       // same dtype and length: the same array comes back
            Assert.Same(first, b.Storage);
            var c = Tensor.Zeros([12], DType.Float64);         // different dtype: a new array
            Assert.NotSame(first, c.Storage);
            using (TensorArena.Suspend())
                Assert.NotSame(first, Tensor.Zeros([3, 4]).Storage);
        }
        Assert.NotSame(first, Tensor.Zeros([3, 4]).Storage);    // outside the scope: ordinary allocation
        Assert.Equal(0, arena.LentBytes);
    }

    [Fact]
    public void ZerosFromARecycledArrayAreZero()
    {
        var arena = new TensorArena();
        using (arena.Enter())
        {
            Tensor.Full([5], 7).Span<float>();
            arena.Recycle();
            Assert.All(Tensor.Zeros([5]).ToArray<float>(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void ScopesOfOneArenaCannotNest()
    {
        var arena = new TensorArena();
        using (arena.Enter())
            Assert.Throws<InvalidOperationException>(() => arena.Enter());
    }

    [Fact]
    public void GradientsAndOptimizerStateSurviveTheArena()
    {
        // The same 30 Adam steps with and without an arena end with bitwise identical weights, gradients and state.
        var (plain, plainOpt) = Build();
        var (pooled, pooledOpt) = Build();
        var x = Tensor.Uniform([16, 5], -1, 1, new Random(1));
        var y = Tensor.FromArray([.. Enumerable.Range(0, 16).Select(i => i % 3)], [16]);
        var arena = new TensorArena();
        for (int step = 0; step < 30; step++)
        {
            Step(plain, plainOpt, x, y);
            using (arena.Enter()) Step(pooled, pooledOpt, x, y);
        }
        var p1 = plain.Parameters().ToArray();
        var p2 = pooled.Parameters().ToArray();
        for (int i = 0; i < p1.Length; i++)
        {
            Assert.Equal(p1[i].ToArray<float>(), p2[i].ToArray<float>());
            Assert.Equal(p1[i].Grad!.ToArray<float>(), p2[i].Grad!.ToArray<float>());
        }
        var s1 = plainOpt.StateTensors();
        var s2 = pooledOpt.StateTensors();
        for (int i = 0; i < s1.Count; i++) Assert.Equal(s1[i].Value.ToArray<float>(), s2[i].Value.ToArray<float>());
    }

    private static (Sequential, Adam) Build()
    {
        var random = new Random(3);
        var model = new Sequential(new Dense(5, 8, random: random), new Relu(), new BatchNorm1d(8), new Dense(8, 3, random: random));
        return (model, new Adam(model.Parameters(), 0.01));
    }

    private static void Step(Sequential model, Optimizer optimizer, Tensor x, Tensor y)
    {
        optimizer.ZeroGrad();
        Loss.CrossEntropy(model.Forward(x), y).Backward();
        optimizer.Step();
    }
}
