using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>Reductions must not depend on where the data sits in memory, or runs with the same seed would differ.</summary>
public class OrderedSumTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1001)]
    public void Sum_and_dot_are_identical_at_every_memory_offset(int n)
    {
        var rng = new Random(n);
        var values = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * 1e3f).ToArray();
        var other = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        float? sum = null, dot = null;
        for (int offset = 0; offset < 16; offset++)
        {
            var a = new float[n + 16];
            var b = new float[n + 16];
            values.CopyTo(a, offset);
            other.CopyTo(b, offset);
            float s = OrderedSum.Sum<float>(a.AsSpan(offset, n));
            float d = OrderedSum.Dot<float>(a.AsSpan(offset, n), b.AsSpan(offset, n));
            sum ??= s;
            dot ??= d;
            Assert.Equal(sum.Value, s);
            Assert.Equal(dot.Value, d);
        }
        double exact = values.Sum(v => (double)v);
        Assert.True(Math.Abs(sum!.Value - exact) <= 1e-4 * values.Sum(v => Math.Abs((double)v)), $"{sum} vs {exact}");
        Assert.True(Math.Abs(dot!.Value - values.Zip(other, (x, y) => (double)x * y).Sum()) <= 1e-4 * n * 1e3);
    }
}
