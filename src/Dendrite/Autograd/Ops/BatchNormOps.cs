using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// Batch normalization over the examples (and any spatial positions) of each channel, for x viewed as
/// [N, C, S]: μ_c and σ²_c are taken over N·S values, x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β.
/// </summary>
/// <remarks>S. Ioffe, C. Szegedy, "Batch Normalization" (2015). The loops are in <see cref="BatchNormalization"/>.</remarks>
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
        var y = Tensor.Empty(x.Shape, x.DType);
        var invStd = new double[c];
        if (x.IsFloat64) BatchNormalization.TrainForward(n, c, s, AsMemory<double>(xc), AsMemory<double>(gamma.Contiguous()),
            AsMemory<double>(beta.Contiguous()), epsilon, AsMemory<double>(y), batchMean, batchVariance, invStd);
        else BatchNormalization.TrainForward(n, c, s, AsMemory<float>(xc), AsMemory<float>(gamma.Contiguous()),
            AsMemory<float>(beta.Contiguous()), epsilon, AsMemory<float>(y), batchMean, batchVariance, invStd);
        return Graph.Record(y, "BatchNorm", [xc, gamma, beta], g =>
        {
            // ∂L/∂β = Σ g, ∂L/∂γ = Σ g·x̂, ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σ(g·x̂)/M) with M = N·S and 1/σ = invStd:
            // a·g + b·(x − μ) + c with a = γ/σ, b = −a·Σg(x − μ)/(σ²M), c = −a·Σg/M
            double m = (double)n * s;
            double[] gam = gamma.ToArray<double>();
            (double, double, double) Coefficients(int ch, double sumG, double sumGx)
            {
                double a = gam[ch] * invStd[ch];
                return (a, -a * invStd[ch] * invStd[ch] * sumGx / m, -a * sumG / m);
            }
            var grads = x.IsFloat64
                ? Backward<double>(xc, g, batchMean, invStd, Coefficients)
                : Backward<float>(xc, g, batchMean, invStd, Coefficients);
            return [grads[0], gamma.RequiresGrad ? grads[1] : null, beta.RequiresGrad ? grads[2] : null];
        });
    }

    /// <summary>Evaluation-mode batch norm with fixed statistics: y = γ·(x − mean)/√(variance + ε) + β.</summary>
    public static Tensor Evaluate(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double epsilon)
    {
        x.RequireFloatingPoint("BatchNorm");
        var (n, c, s) = Layout(x);
        var xc = x.Contiguous();
        var y = Tensor.Empty(x.Shape, x.DType);
        double[] mu = mean.ToArray<double>(), gam = gamma.ToArray<double>(), invStd = variance.ToArray<double>();
        for (int ch = 0; ch < c; ch++) invStd[ch] = 1 / Math.Sqrt(invStd[ch] + epsilon);
        if (x.IsFloat64) EvalForward<double>(xc, gam, beta.ToArray<double>(), mu, invStd, y);
        else EvalForward<float>(xc, gam, beta.ToArray<double>(), mu, invStd, y);
        return Graph.Record(y, "BatchNorm", [xc, gamma, beta], g =>
        {
            // the statistics are constants here: ∂L/∂x = γ/σ·g, ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g
            (double, double, double) Coefficients(int ch, double sumG, double sumGx) => (gam[ch] * invStd[ch], 0, 0);
            var grads = x.IsFloat64
                ? Backward<double>(xc, g, mu, invStd, Coefficients)
                : Backward<float>(xc, g, mu, invStd, Coefficients);
            return [grads[0], gamma.RequiresGrad ? grads[1] : null, beta.RequiresGrad ? grads[2] : null];
        });
    }

    private static void EvalForward<T>(Tensor x, double[] gamma, double[] beta, double[] mean, double[] invStd, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (n, c, s) = Layout(x);
        var mu = new T[c];
        var scale = new T[c];
        var shift = new T[c];
        for (int ch = 0; ch < c; ch++)
        {
            mu[ch] = T.CreateTruncating(mean[ch]);
            scale[ch] = T.CreateTruncating(gamma[ch] * invStd[ch]);
            shift[ch] = T.CreateTruncating(beta[ch]);
        }
        BatchNormalization.EvalForward(n, c, s, AsMemory<T>(x), mu, scale, shift, AsMemory<T>(y));
    }

    /// <summary>∂L/∂x (when x requires it), ∂L/∂γ and ∂L/∂β, in the order of the recorded inputs.</summary>
    private static Tensor?[] Backward<T>(Tensor x, Tensor g, double[] mean, double[] invStd, Func<int, double, double, (double, double, double)> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (n, c, s) = Layout(x);
        var dx = x.RequiresGrad ? Tensor.Empty(x.Shape, x.DType) : null;
        var dGamma = Tensor.Empty([c], x.DType);
        var dBeta = Tensor.Empty([c], x.DType);
        var mu = new T[c];
        for (int ch = 0; ch < c; ch++) mu[ch] = T.CreateTruncating(mean[ch]);
        BatchNormalization.Backward(n, c, s, AsMemory<T>(x), AsMemory<T>(g.Contiguous()), mu, invStd,
            AsMemory<T>(dx), AsMemory<T>(dGamma), AsMemory<T>(dBeta), coefficients);
        return [dx, dGamma, dBeta];
    }

    private static (int N, int C, int S) Layout(Tensor x)
    {
        if (x.Rank < 2) throw new ArgumentException($"BatchNorm expects [N, C, …] but got {x.Shape}.");
        int n = x.Shape[0], c = x.Shape[1];
        return (n, c, x.Shape.Product(2, x.Rank));
    }

    /// <summary>The elements of a contiguous tensor as memory (empty for null), so parallel channels can read them.</summary>
    private static Memory<T> AsMemory<T>(Tensor? t) => t is null ? default : ((T[])t.Storage).AsMemory(t.Offset, t.Count);
}
