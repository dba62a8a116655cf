namespace Dendrite.NN;

/// <summary>Max pooling: each output is the largest value of its k×k window, per channel (the course's POOL layer, max mode).</summary>
/// <remarks>
/// <b>Shape:</b> (N, C, H, W) → (N, C, H', W'), H' = ⌊(H + 2p − k)/s⌋ + 1. No parameters. The gradient flows only to
/// the element that was the maximum of each window (the first one on ties).
/// </remarks>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">k: windows are k×k.</param>
    /// <param name="stride">s (default k: windows do not overlap).</param>
    /// <param name="padding">Implicit −∞ padding per side, at most k/2.</param>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        if (kernelSize <= 0 || Stride <= 0 || padding < 0 || padding > kernelSize / 2)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{Describe()} needs k, s > 0 and 0 ≤ padding ≤ k/2.");
    }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>s.</summary>
    public int Stride { get; }

    /// <summary>p.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4) throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        return Functional.MaxPool2d(input, KernelSize, Stride, Padding);
    }

    /// <inheritdoc/>
    public override string Describe() => $"MaxPool2d(kernel {KernelSize}, stride {Stride}{(Padding != 0 ? $", padding {Padding}" : "")})";
}
