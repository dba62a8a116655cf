using System.Numerics;
using Dendrite.Tensors.Kernels;
using static Dendrite.Autograd.TensorMemory;

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
        var invStd = TensorArena.StepDoubles(c); // lives until the backward below runs
        if (x.IsFloat64) BatchNormalization.TrainForward(n, c, s, AsMemory<double>(xc), AsMemory<double>(gamma.Contiguous()),
            AsMemory<double>(beta.Contiguous()), epsilon, AsMemory<double>(y), batchMean, batchVariance, invStd);
        else BatchNormalization.TrainForward(n, c, s, AsMemory<float>(xc), AsMemory<float>(gamma.Contiguous()),
            AsMemory<float>(beta.Contiguous()), epsilon, AsMemory<float>(y), batchMean, batchVariance, invStd);
        return Graph.Record(y, "BatchNorm", [xc, gamma, beta], g =>
        {
            // ∂L/∂β = Σ g, ∂L/∂γ = Σ g·x̂, ∂L/∂x = γ/σ·(g − Σg/M − x̂·Σ(g·x̂)/M) with M = N·S and 1/σ = invStd:
            // a·g + b·(x − μ) + c with a = γ/σ, b = −a·Σg(x − μ)/(σ²M), c = −a·Σg/M
            var grads = x.IsFloat64
                ? Backward<double>(xc, g, gamma, batchMean, invStd, batchStatistics: true)
                : Backward<float>(xc, g, gamma, batchMean, invStd, batchStatistics: true);
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
            var grads = x.IsFloat64
                ? Backward<double>(xc, g, gamma, mu, invStd, batchStatistics: false)
                : Backward<float>(xc, g, gamma, mu, invStd, batchStatistics: false);
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
    private static Tensor?[] Backward<T>(Tensor x, Tensor g, Tensor gamma, double[] mean, double[] invStd, bool batchStatistics)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (n, c, s) = Layout(x);
        var dx = x.RequiresGrad ? Tensor.Empty(x.Shape, x.DType) : null;
        var dGamma = Tensor.Empty([c], x.DType);
        var dBeta = Tensor.Empty([c], x.DType);
        BatchNormalization.Backward(n, c, s, AsMemory<T>(x), AsMemory<T>(g.Contiguous()), mean, invStd, AsMemory<T>(gamma.Contiguous()).Span,
            batchStatistics, AsMemory<T>(dx), AsMemory<T>(dGamma), AsMemory<T>(dBeta));
        return [dx, dGamma, dBeta];
    }

    private static (int N, int C, int S) Layout(Tensor x)
    {
        if (x.Rank < 2) throw new ArgumentException($"BatchNorm expects [N, C, …] but got {x.Shape}.");
        int n = x.Shape[0], c = x.Shape[1];
        return (n, c, x.Shape.Product(2, x.Rank));
    }
}
