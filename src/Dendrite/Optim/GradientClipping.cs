using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>
/// Gradient clipping for exploding gradients (RNNs): by value, as the course clips every element to [−5, 5], and by
/// global norm, as PyTorch's <c>clip_grad_norm_</c>. Both change the gradients in place and skip parameters without one.
/// </summary>
public static class GradientClipping
{
    /// <summary>Every gradient element clamped to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    public static void ClipByValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        if (!(clipValue > 0)) throw new ArgumentOutOfRangeException(nameof(clipValue), $"The clip value must be positive but is {clipValue}.");
        foreach (var p in parameters)
        {
            if (p.Grad is not { } g) continue;
            if (g.IsFloat64) Clamping.Clamp<double>(g.Span<double>(), -clipValue, clipValue, g.Span<double>());
            else Clamping.Clamp<float>(g.Span<float>(), (float)-clipValue, (float)clipValue, g.Span<float>());
        }
    }

    /// <summary>
    /// The L2 norm ‖g‖ of all gradients together (summed in double precision); when it exceeds <paramref name="maxNorm"/>,
    /// every gradient is scaled by maxNorm / (‖g‖ + 1e-6). Returns the norm before clipping.
    /// </summary>
    public static double ClipByNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"The maximum norm must be positive but is {maxNorm}.");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sum = 0;
        foreach (var g in grads) sum += g.IsFloat64 ? SumOfSquares<double>(g.Span<double>()) : SumOfSquares<float>(g.Span<float>());
        double norm = Math.Sqrt(sum), scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
            foreach (var g in grads)
            {
                if (g.IsFloat64) Scale(g.Span<double>(), scale);
                else Scale(g.Span<float>(), scale);
            }
        return norm;
    }

    private static double SumOfSquares<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T v in values)
        {
            double d = double.CreateTruncating(v);
            sum += d * d;
        }
        return sum;
    }

    private static void Scale<T>(Span<T> values, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(scale);
        for (int i = 0; i < values.Length; i++) values[i] *= s;
    }
}
