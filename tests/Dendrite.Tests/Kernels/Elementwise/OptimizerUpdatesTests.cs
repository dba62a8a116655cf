using Dendrite.Tensors.Kernels;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>The fused optimizer updates against the same formulas in naive double loops (vector body and scalar tail).</summary>
public class OptimizerUpdatesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1029)]
    public void Adam_matches_the_formula(int n)
    {
        var random = new Random(n);
        double[] theta = Draw(random, n), g = Draw(random, n), v = Draw(random, n), s = Draw(random, n).Select(Math.Abs).ToArray();
        float[] theta32 = ToFloat(theta), v32 = ToFloat(v), s32 = ToFloat(s);
        const double b1 = 0.9, b2 = 0.999, c2 = 1 / (1 - 0.999 * 0.999 * 0.999), eps = 1e-8, step = 0.01 / (1 - 0.9 * 0.9 * 0.9);
        OptimizerUpdates.Adam<float>(theta32, ToFloat(g), v32, s32, (float)b1, (float)(1 - b1), (float)b2, (float)(1 - b2), (float)c2, (float)eps, (float)step);
        for (int i = 0; i < n; i++)
        {
            double gi = (float)g[i];
            double vi = b1 * (float)v[i] + (1 - b1) * gi;
            double si = b2 * (float)s[i] + (1 - b2) * gi * gi;
            double ti = (float)theta[i] - step * vi / (Math.Sqrt(si * c2) + eps);
            Assert.Equal(vi, v32[i], 1e-6);
            Assert.Equal(si, s32[i], 1e-6);
            Assert.Equal(ti, theta32[i], 1e-5);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1029)]
    public void Momentum_matches_the_formula(int n)
    {
        var random = new Random(n);
        double[] theta = Draw(random, n), g = Draw(random, n), v = Draw(random, n);
        double[] expectedV = [.. v.Select((vi, i) => 0.9 * vi + g[i])];
        double[] expectedTheta = [.. theta.Select((ti, i) => ti - 0.1 * expectedV[i])];
        OptimizerUpdates.Momentum<double>(theta, g, v, 0.9, 0.1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedV[i], v[i], 1e-14);
            Assert.Equal(expectedTheta[i], theta[i], 1e-14);
        }
    }

    private static double[] Draw(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)];

    private static float[] ToFloat(double[] x) => [.. x.Select(v => (float)v)];
}
