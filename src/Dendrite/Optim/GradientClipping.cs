using Dendrite.Autograd;

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
        using var _ = GradMode.NoGrad();
        foreach (var p in parameters)
            if (p.Grad is { } g) g.Assign(g.Clamp(-clipValue, clipValue));
    }

    /// <summary>
    /// The L2 norm ‖g‖ of all gradients together; when it exceeds <paramref name="maxNorm"/>, every gradient is scaled by
    /// maxNorm / (‖g‖ + 1e-6). Returns the norm before clipping.
    /// </summary>
    public static double ClipByNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"The maximum norm must be positive but is {maxNorm}.");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sum = 0;
        foreach (var g in grads)
            foreach (double v in g.ToArray<double>()) sum += v * v;
        double norm = Math.Sqrt(sum), scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
        {
            using var _ = GradMode.NoGrad();
            foreach (var g in grads) g.Assign(g * scale);
        }
        return norm;
    }
}
