using Dendrite.NN;

namespace Dendrite.Tests.Models;

/// <summary>Shared checks for the second model-zoo batch.</summary>
internal static class ZooSupport
{
    /// <summary>
    /// Runs a training-mode forward on a batch of 2, checks the logits' shape, backpropagates a weighted sum of them and
    /// asserts that every parameter received a finite gradient of its own shape.
    /// </summary>
    public static void AssertForwardAndBackward(Module model, int size, int numClasses)
    {
        model.Train();
        var x = Tensor.Uniform([2, 3, size, size], -1, 1, new Random(1));
        var y = model.Forward(x);
        Assert.Equal(new Shape(2, numClasses), y.Shape);
        Assert.All(y.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        var w = Tensor.Uniform(y.Shape, 0.5, 1.5, new Random(2));
        (y * w).Sum().Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad is not null, $"{name} received no gradient.");
            Assert.Equal(p.Shape, p.Grad!.Shape);
            Assert.True(p.Grad.ToArray<float>().All(float.IsFinite), $"{name} has a non-finite gradient.");
        }
    }

    /// <summary>Shape of the parameter called <paramref name="name"/>; fails when it does not exist.</summary>
    public static Shape ShapeOf(Module model, string name)
    {
        var match = model.NamedParameters().Where(p => p.Name == name).ToList();
        Assert.True(match.Count == 1, $"no parameter named {name}");
        return match[0].Parameter.Shape;
    }
}
