using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// Max pooling in PyTorch's ceil mode: H' = ⌈(H − k)/s⌉ + 1, so a last, partial window covers the remaining rows and
/// columns (as long as it starts inside the image).
/// </summary>
/// <remarks>
/// <b>Shape:</b> (N, C, H, W) → (N, C, H', W'). The missing bottom rows and right columns are filled with −∞ before an
/// ordinary <see cref="MaxPool2d"/>, so they never win and the gradient reaches only real elements.
/// </remarks>
public sealed class CeilMaxPool2d : Module
{
    private readonly MaxPool2d _pool;

    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">k.</param>
    /// <param name="stride">s.</param>
    public CeilMaxPool2d(int kernelSize, int stride)
    {
        _pool = new MaxPool2d(kernelSize, stride);
        KernelSize = kernelSize;
        Stride = stride;
    }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>s.</summary>
    public int Stride { get; }

    /// <summary>Output length of one axis of length n in ceil mode.</summary>
    public int OutputSize(int n)
    {
        int size = (n - KernelSize + Stride - 1) / Stride + 1;
        return (size - 1) * Stride >= n ? size - 1 : size; // the last window must start inside the image
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[2] < KernelSize || input.Shape[3] < KernelSize)
            throw new ArgumentException($"{Describe()} expects [N, C, H, W] with H, W ≥ {KernelSize} but got {input.Shape}.");
        var x = PadWithNegativeInfinity(input, 2, (OutputSize(input.Shape[2]) - 1) * Stride + KernelSize - input.Shape[2]);
        x = PadWithNegativeInfinity(x, 3, (OutputSize(input.Shape[3]) - 1) * Stride + KernelSize - input.Shape[3]);
        return _pool.Call(x);
    }

    private static Tensor PadWithNegativeInfinity(Tensor x, int axis, int count)
    {
        if (count <= 0) return x;
        var dims = x.Shape.ToArray();
        dims[axis] = count;
        return Tensor.Concat([x, Tensor.Full(new Shape(dims), double.NegativeInfinity, x.DType)], axis);
    }

    /// <inheritdoc/>
    public override string Describe() => $"CeilMaxPool2d(kernel {KernelSize}, stride {Stride})";
}
