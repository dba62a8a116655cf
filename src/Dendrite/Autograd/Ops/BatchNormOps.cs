using System.Numerics;

namespace Dendrite.Autograd;

/// <summary>
/// Batch normalization over the examples (and any spatial positions) of each channel, for x viewed as
/// [N, C, S]: μ_c and σ²_c are taken over N·S values, x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β.
/// </summary>
/// <remarks>S. Ioffe, C. Szegedy, "Batch Normalization" (2015).</remarks>
internal static class BatchNormOps
{
    /// <summary>
    /// Training-mode batch norm; returns y and writes the batch mean and biased variance per channel into
    /// <paramref name="batchMean"/> and <paramref name="batchVariance"/> (for the running averages).
    /// </summary>
    public static Tensor Train(Tensor x, Tensor gamma, Tensor beta, double epsilon, double[] batchMean, double[] batchVariance)
    {
        x.RequireFloatingPoint("BatchNorm");
        var (n, c, s) = Layout(x);
        var xc = x.Contiguous();
        var xHat = Tensor.Empty(x.Shape, x.DType);
        var invStd = new double[c];
        if (x.IsFloat64) Normalize<double>(xc, n, c, s, epsilon, batchMean, batchVariance, invStd, xHat);
        else Normalize<float>(xc, n, c, s, epsilon, batchMean, batchVariance, invStd, xHat);
        var y = Affine(xHat, gamma, beta, c);
        return Graph.Record(y, "BatchNorm", [xc, gamma, beta], g =>
        {
            var dGamma = ChannelSum(ArithmeticOps.Multiply(g, xHat), n, c, s);   // ∂L/∂γ = Σ g·x̂
            var dBeta = ChannelSum(g, n, c, s);                                  // ∂L/∂β = Σ g
            Tensor? dx = null;
            if (xc.RequiresGrad)
            {
                // ∂L/∂x = γ·invstd/M · (M·g − Σg − x̂·Σ(g·x̂)),  M = N·S
                dx = Tensor.Empty(x.Shape, x.DType);
                if (x.IsFloat64) InputGradient<double>(g, xHat, gamma, invStd, dGamma, dBeta, n, c, s, dx);
                else InputGradient<float>(g, xHat, gamma, invStd, dGamma, dBeta, n, c, s, dx);
            }
            return [dx, gamma.RequiresGrad ? dGamma : null, beta.RequiresGrad ? dBeta : null];
        });
    }

    /// <summary>Evaluation-mode batch norm with fixed statistics: y = γ·(x − mean)/√(variance + ε) + β.</summary>
    public static Tensor Evaluate(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double epsilon)
    {
        var (_, c, _) = Layout(x);
        var shape = ChannelShape(x.Rank, c);
        var scale = gamma / (variance + epsilon).Sqrt();
        var shift = beta - mean * scale;
        return x * scale.Reshape(shape) + shift.Reshape(shape);
    }

    private static (int N, int C, int S) Layout(Tensor x)
    {
        if (x.Rank < 2) throw new ArgumentException($"BatchNorm expects [N, C, …] but got {x.Shape}.");
        int n = x.Shape[0], c = x.Shape[1];
        return (n, c, x.Shape.Product(2, x.Rank));
    }

    private static int[] ChannelShape(int rank, int c)
    {
        var shape = Enumerable.Repeat(1, rank).ToArray();
        shape[1] = c;
        return shape[1..];
    }

    private static void Normalize<T>(Tensor x, int n, int c, int s, double epsilon, double[] mean, double[] variance, double[] invStd, Tensor xHat)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> xs = x.Span<T>();
        Span<T> hs = xHat.Span<T>();
        double m = (double)n * s;
        for (int ch = 0; ch < c; ch++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
                foreach (T v in xs.Slice((i * c + ch) * s, s)) sum += double.CreateTruncating(v);
            double mu = sum / m, sq = 0;
            for (int i = 0; i < n; i++)
                foreach (T v in xs.Slice((i * c + ch) * s, s)) { double d = double.CreateTruncating(v) - mu; sq += d * d; }
            mean[ch] = mu;
            variance[ch] = sq / m;
            invStd[ch] = 1 / Math.Sqrt(variance[ch] + epsilon);
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                for (int k = 0; k < s; k++) hs[o + k] = T.CreateTruncating((double.CreateTruncating(xs[o + k]) - mu) * invStd[ch]);
            }
        }
    }

    private static void InputGradient<T>(Tensor g, Tensor xHat, Tensor gamma, double[] invStd, Tensor dGamma, Tensor dBeta, int n, int c, int s, Tensor dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> gs = g.Span<T>(), hs = xHat.Span<T>(), gam = gamma.Contiguous().Span<T>(), dgs = dGamma.Span<T>(), dbs = dBeta.Span<T>();
        Span<T> ds = dx.Span<T>();
        double m = (double)n * s;
        for (int ch = 0; ch < c; ch++)
        {
            double k = double.CreateTruncating(gam[ch]) * invStd[ch] / m;
            double sumG = double.CreateTruncating(dbs[ch]), sumGh = double.CreateTruncating(dgs[ch]);
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                for (int j = 0; j < s; j++)
                    ds[o + j] = T.CreateTruncating(k * (m * double.CreateTruncating(gs[o + j]) - sumG - double.CreateTruncating(hs[o + j]) * sumGh));
            }
        }
    }

    private static Tensor Affine(Tensor xHat, Tensor gamma, Tensor beta, int c)
    {
        var shape = ChannelShape(xHat.Rank, c);
        using var _ = GradMode.NoGrad();
        return xHat * gamma.Reshape(shape) + beta.Reshape(shape);
    }

    /// <summary>Σ over N and S for each channel: [N, C, …] → [C].</summary>
    private static Tensor ChannelSum(Tensor t, int n, int c, int s)
    {
        var flat = ViewOps.Reshape(t.Contiguous(), [n, c, s]);
        return ReductionOps.Sum(ReductionOps.Sum(flat, 2, keepDim: false), 0, keepDim: false);
    }
}
