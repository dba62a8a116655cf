namespace Dendrite.Data;

/// <summary>
/// Pads each image with zeros on every side, then cuts a random size×size window: with size = H = W this is a random
/// shift of up to ±padding pixels, the uncovered border filled with zeros.
/// </summary>
/// <remarks>
/// For an image, the window's corner (oy, ox) is drawn uniformly from [0, H + 2p − size] × [0, W + 2p − size] (oy
/// first), and y[c, i, j] = x[c, oy + i − p, ox + j − p] where that lies inside the image, else 0. All channels of an
/// image share the window.
/// </remarks>
public sealed class RandomCrop : ITransform
{
    /// <summary>Crops size×size windows after zero padding.</summary>
    /// <param name="size">Side of the output window.</param>
    /// <param name="padding">Zeros added on each of the four sides first.</param>
    public RandomCrop(int size, int padding = 0)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"RandomCrop: size must be at least 1 but is {size}.");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), $"RandomCrop: padding must be non-negative but is {padding}.");
        Size = size;
        Padding = padding;
    }

    /// <summary>Side of the output window.</summary>
    public int Size { get; }

    /// <summary>Zeros added on each side before cropping.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Random random)
    {
        var x = ImageBatch.Require(images, "RandomCrop");
        int n = x.Shape[0], channels = x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        int rangeY = height + 2 * Padding - Size, rangeX = width + 2 * Padding - Size;
        if (rangeY < 0 || rangeX < 0)
            throw new ArgumentException($"RandomCrop({Size}, padding {Padding}) needs images of at least {Size - 2 * Padding}×{Size - 2 * Padding} but got {x.Shape}.", nameof(images));
        var y = Tensor.Zeros([n, channels, Size, Size], x.DType);
        for (int i = 0; i < n; i++)
        {
            int dy = random.Next(rangeY + 1) - Padding, dx = random.Next(rangeX + 1) - Padding;
            // Output column j reads input column j + dx; keep those inside [0, width).
            int j0 = Math.Max(0, -dx), j1 = Math.Min(Size, width - dx);
            for (int c = 0; c < channels; c++)
                for (int r = 0; r < Size; r++)
                {
                    int source = r + dy;
                    if (source < 0 || source >= height || j1 <= j0) continue;
                    int from = x.Offset + ((i * channels + c) * height + source) * width + j0 + dx;
                    int to = ((i * channels + c) * Size + r) * Size + j0;
                    Array.Copy(x.Storage, from, y.Storage, to, j1 - j0);
                }
        }
        return y;
    }

    /// <summary>For example <c>RandomCrop(32, padding 4)</c>.</summary>
    public override string ToString() => $"RandomCrop({Size}, padding {Padding})";
}
