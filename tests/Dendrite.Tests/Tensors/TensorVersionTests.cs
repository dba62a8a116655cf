using Dendrite.Autograd;
using Xunit;

namespace Dendrite.Tests.Tensors;

/// <summary>The write counter caches of tensor data rely on (<c>Tensor.Version</c>, PyTorch's <c>tensor._version</c>).</summary>
public class TensorVersionTests
{
    [Fact]
    public void WritableAccessCountsAndReadingDoesNot()
    {
        var t = Tensor.Zeros([3, 4]);
        int v = t.Version;
        _ = t.ReadSpan<float>();
        Assert.Equal(v, t.Version);
        t.Span<float>()[5] = 1;
        Assert.NotEqual(v, t.Version);
        v = t.Version;
        _ = TensorMemory.AsMemory<float>(t);
        Assert.NotEqual(v, t.Version);
    }

    [Fact]
    public void WritesThroughViewsCountAgainstTheOwner()
    {
        var t = Tensor.Zeros([4, 6]);
        var views = new[] { t.Narrow(0, 1, 2), t.T, t.Reshape(24), t.Detach(), t.Narrow(1, 2, 3).Narrow(0, 0, 1) };
        foreach (var view in views)
        {
            int v = t.Version;
            ViewOps.ScatterAdd(Tensor.Ones(view.Shape), view);
            Assert.NotEqual(v, t.Version);
            Assert.Equal(t.Version, view.Version);
        }
    }

    [Fact]
    public void AssigningNewDataCounts()
    {
        var t = Tensor.Zeros([2, 2]);
        int v = t.Version;
        t.Assign(Tensor.Ones([2, 2]));
        Assert.NotEqual(v, t.Version);
    }

    [Fact]
    public void OptimizerStepCounts()
    {
        var w = Tensor.Ones([3]);
        w.RequiresGrad = true;
        var sgd = new Dendrite.Optim.Sgd([w], learningRate: 0.1);
        (w * w).Sum().Backward();
        int v = w.Version;
        sgd.Step();
        Assert.NotEqual(v, w.Version);
    }
}
