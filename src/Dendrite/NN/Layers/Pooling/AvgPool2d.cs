namespace Dendrite.NN;

/// <summary>Average pooling: each output is the mean of its k×k window, per channel (the course's POOL layer, average mode).</summary>
/// <remarks>
/// <b>Shape:</b> (N, C, H, W) → (N, C, H', W'), H' = ⌊(H + 2p − k)/s⌋ + 1. No parameters. With
/// <c>countIncludePad</c> (PyTorch's default) padding counts as zeros and every window divides by k²; otherwise
/// by the number of elements inside the image.
/// </remarks>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">k: windows are k×k.</param>
    /// <param name="stride">s (default k: windows do not overlap).</param>
    /// <param name="padding">Zero padding per side, at most k/2.</param>
    /// <param name="countIncludePad">Whether padded zeros count in the divisor.</param>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool countIncludePad = true)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CountIncludePad = countIncludePad;
        if (kernelSize <= 0 || Stride <= 0 || padding < 0 || padding > kernelSize / 2)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{Describe()} needs k, s > 0 and 0 ≤ padding ≤ k/2.");
    }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>s.</summary>
    public int Stride { get; }

    /// <summary>p.</summary>
    public int Padding { get; }

    /// <summary>Whether padded zeros count in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4) throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        return Functional.AvgPool2d(input, KernelSize, Stride, Padding, CountIncludePad);
    }

    /// <inheritdoc/>
    public override string Describe() => $"AvgPool2d(kernel {KernelSize}, stride {Stride}{(Padding != 0 ? $", padding {Padding}" : "")})";
}
