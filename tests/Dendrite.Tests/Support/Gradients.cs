using Dendrite.Autograd;

namespace Dendrite.Tests.Support;

/// <summary>One helper that gradient-checks any op in float64 against the course's 2e-7 threshold.</summary>
public static class Gradients
{
    /// <summary>Random float64 leaf tensor in [low, high) that requires a gradient.</summary>
    public static Tensor Leaf(Shape shape, int seed, double low = -2, double high = 2) =>
        WithGrad(Tensor.Uniform(shape, low, high, new Random(seed), DType.Float64));

    /// <summary>Marks a tensor as a leaf requiring a gradient.</summary>
    public static Tensor WithGrad(Tensor t)
    {
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>
    /// Asserts that backprop through <paramref name="f"/> agrees with central differences. The scalar checked is
    /// Σ f(x) ⊙ w for a fixed random w, so every output element gets a distinct weight.
    /// </summary>
    public static GradCheckResult AssertCorrect(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        Tensor weights;
        using (GradMode.NoGrad())
        {
            var probe = f(inputs);
            weights = Tensor.Uniform(probe.Shape, 0.5, 1.5, new Random(99), DType.Float64);
        }
        var result = GradCheck.Run(() => (f(inputs) * weights).Sum(), inputs.Select((t, i) => ($"input{i}", t)));
        Assert.True(result.Passed, result.ToString());
        return result;
    }
}
