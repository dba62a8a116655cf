using Dendrite.Training;

namespace Dendrite.Tests.Training.Search;

public class SearchDimensionTests
{
    private const int Draws = 40_000;

    private static double[] Sample(SearchDimension d, int seed = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, Draws).Select(_ => Convert.ToDouble(d.Sample(rng))).ToArray();
    }

    [Fact]
    public void LogUniform_EveryDecadeEquallyLikely()
    {
        // α = 10^r, r ~ U[−4, 0]: each of the four decades holds a quarter of the draws (σ ≈ 0.002 at 40,000).
        var x = Sample(new LogUniform(1e-4, 1));
        Assert.All(x, v => Assert.InRange(v, 1e-4, 1));
        for (int decade = -4; decade < 0; decade++)
        {
            double fraction = x.Count(v => v >= Math.Pow(10, decade) && v < Math.Pow(10, decade + 1)) / (double)Draws;
            Assert.InRange(fraction, 0.24, 0.26);
        }
        // A uniform draw would put 90 % in the top decade.
        Assert.InRange(Sample(new Uniform(1e-4, 1)).Count(v => v >= 0.1) / (double)Draws, 0.89, 0.91);
    }

    [Fact]
    public void OneMinusLogUniform_InRange_AndHalfEachSideOf099()
    {
        // β = 1 − 10^r, r ~ U[−3, −1]: [0.9, 0.99] and [0.99, 0.999] each get half.
        var beta = Sample(new OneMinusLogUniform(0.9, 0.999));
        Assert.All(beta, b => Assert.InRange(b, 0.9, 0.999));
        Assert.InRange(beta.Count(b => b < 0.99) / (double)Draws, 0.49, 0.51);
        Assert.InRange(beta.Count(b => b >= 0.999 - 1e-4) / (double)Draws, 0.02, 0.07); // β within 1e-4 of the top: r ∈ [−3, log₁₀ 0.0011]
    }

    [Fact]
    public void Uniform_MeanAndRange()
    {
        var x = Sample(new Uniform(-2, 6));
        Assert.All(x, v => Assert.InRange(v, -2, 6));
        Assert.InRange(x.Average(), 1.95, 2.05);
    }

    [Fact]
    public void IntRange_IsInclusiveAndUniform()
    {
        var rng = new Random(2);
        var counts = new int[5];
        for (int i = 0; i < Draws; i++) counts[(int)new IntRange(3, 7).Sample(rng) - 3]++;
        Assert.All(counts, c => Assert.InRange(c / (double)Draws, 0.19, 0.21));
        Assert.IsType<int>(new IntRange(3, 7).Sample(rng));
    }

    [Fact]
    public void Choice_DrawsEveryOption()
    {
        var rng = new Random(3);
        var choice = new Choice<string>("relu", "tanh", "sigmoid");
        var seen = Enumerable.Range(0, 3000).Select(_ => (string)choice.Sample(rng)).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, seen.Count);
        Assert.All(seen.Values, c => Assert.InRange(c, 900, 1100));
    }

    [Fact]
    public void InvalidRanges_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => new LogUniform(0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new LogUniform(1, 0.1));
        Assert.ThrowsAny<ArgumentException>(() => new OneMinusLogUniform(0.9, 1));
        Assert.ThrowsAny<ArgumentException>(() => new Uniform(1, 1));
        Assert.ThrowsAny<ArgumentException>(() => new IntRange(5, 4));
        Assert.ThrowsAny<ArgumentException>(() => new Choice<int>());
    }

    [Fact]
    public void Narrow_WorksInTheSamplingScale()
    {
        // Best α at 1e-3 and 1e-2 on a 6-decade range, margin 0.1 → decades [−3.6, −1.4].
        var alpha = (LogUniform)new LogUniform(1e-6, 1).Narrow([1e-3, 1e-2], 0.1);
        Assert.Equal(-3.6, Math.Log10(alpha.Low), 9);
        Assert.Equal(-1.4, Math.Log10(alpha.High), 9);
        // Clipped to the current range.
        var edge = (LogUniform)new LogUniform(1e-6, 1).Narrow([0.5], 0.1);
        Assert.Equal(1, edge.High);
        // β: 1 − β on a log scale; best 0.99 on [0.9, 0.999] (r ∈ [−3, −1]), margin 0.25 → r ∈ [−2.5, −1.5].
        var beta = (OneMinusLogUniform)new OneMinusLogUniform(0.9, 0.999).Narrow([0.99], 0.25);
        Assert.Equal(1 - Math.Pow(10, -1.5), beta.Low, 12);
        Assert.Equal(1 - Math.Pow(10, -2.5), beta.High, 12);
        var units = (IntRange)new IntRange(50, 100).Narrow([60, 64], 0.1);
        Assert.Equal((55, 69), (units.Low, units.High));
        var act = (Choice<string>)new Choice<string>("relu", "tanh", "sigmoid").Narrow(["tanh", "relu", "tanh"], 0.1);
        Assert.Equal(["relu", "tanh"], act.Options);
    }
}
