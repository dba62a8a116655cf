using Dendrite.NN;

namespace Dendrite.Tests.Models;

/// <summary>Shared checks for the model zoo: one forward and backward pass on a tiny batch.</summary>
internal static class ZooAssert
{
    /// <summary>
    /// Runs <paramref name="model"/> on a random batch of <paramref name="inputShape"/>, back-propagates Σ y ⊙ w for a
    /// random w, and asserts the output shape and that every parameter got a finite gradient that is not all zeros.
    /// </summary>
    public static void ForwardAndBackward(Module model, Shape inputShape, Shape expectedOutput)
    {
        var x = Tensor.Normal(inputShape, 0, 1, new Random(1));
        var y = model.Forward(x);
        Assert.Equal(expectedOutput, y.Shape);
        var w = Tensor.Uniform(y.Shape, 0.5, 1.5, new Random(2));
        (y * w).Sum().Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad is not null, $"{name} has no gradient.");
            Assert.Equal(p.Shape, p.Grad!.Shape);
            var (finite, nonZero) = Inspect(p.Grad.Contiguous().Span<float>());
            Assert.True(finite, $"{name} has a non-finite gradient.");
            Assert.True(nonZero, $"{name} has an all-zero gradient.");
        }
    }

    private static (bool Finite, bool NonZero) Inspect(ReadOnlySpan<float> g)
    {
        bool finite = true, nonZero = false;
        foreach (float v in g)
        {
            finite &= float.IsFinite(v);
            nonZero |= v != 0;
        }
        return (finite, nonZero);
    }

    /// <summary>The parameter shapes by name, for spot checks against torchvision's state dicts.</summary>
    public static Dictionary<string, Shape> Shapes(Module model) => model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Shape);
}
