using Xunit;

namespace Dendrite.Tests.Autograd;

/// <summary>Elementwise ops on tensors large enough to be split over threads, against naive loops (odd length: ragged last range).</summary>
public class LargeElementwiseTests
{
    private const int N = 300_007;

    [Fact]
    public void TanhForwardAndBackwardMatchTheFormula()
    {
        var x = Tensor.Normal([N], 0, 1, new Random(1));
        x.RequiresGrad = true;
        var y = x.Tanh();
        var g = Tensor.Normal([N], 0, 1, new Random(2));
        y.Backward(g);
        float[] xs = x.ToArray<float>(), ys = y.ToArray<float>(), gs = g.ToArray<float>(), dx = x.Grad!.ToArray<float>();
        for (int i = 0; i < N; i++)
        {
            double t = Math.Tanh(xs[i]);
            Assert.Equal(t, ys[i], 1e-6);
            Assert.Equal(gs[i] * (1 - t * t), dx[i], 1e-5);
        }
    }

    [Fact]
    public void ReluAddAndMultiplyMatchTheFormula()
    {
        var a = Tensor.Normal([N], 0, 1, new Random(3));
        var b = Tensor.Normal([N], 0, 1, new Random(4));
        float[] relu = a.Relu().ToArray<float>(), sum = (a + b).ToArray<float>(), product = (a * b).ToArray<float>(), difference = (a - b).ToArray<float>();
        float[] xa = a.ToArray<float>(), xb = b.ToArray<float>();
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(Math.Max(xa[i], 0f), relu[i]);
            Assert.Equal(xa[i] + xb[i], sum[i]);
            Assert.Equal(xa[i] * xb[i], product[i]);
            Assert.Equal(xa[i] - xb[i], difference[i]);
        }
    }
}
