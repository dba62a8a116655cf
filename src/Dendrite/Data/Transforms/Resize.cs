namespace Dendrite.Data;

/// <summary>
/// Resizes images to height × width by bilinear interpolation, as torchvision's <c>Resize</c> on tensors with
/// <c>antialias=False</c> (PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c>).
/// </summary>
/// <remarks>
/// Output row i reads input row s = max(0, (i + ½)·H_in/H_out − ½): rows y₀ = ⌊s⌋ and y₁ = min(y₀ + 1, H_in − 1)
/// weighted 1 − λ and λ = s − y₀; columns likewise, so y = (1−λy)((1−λx)·x[y₀,x₀] + λx·x[y₀,x₁]) +
/// λy((1−λx)·x[y₁,x₀] + λx·x[y₁,x₁]). Shrinking without antialiasing skips pixels, as torchvision does.
/// Deterministic: the <see cref="Random"/> of <see cref="ITransform.Apply"/> is not used.
/// <para><b>Shape:</b> [C, H_in, W_in] → [C, H, W], or [N, C, H_in, W_in] → [N, C, H, W].</para>
/// </remarks>
public sealed class Resize : ITransform
{
    /// <summary>Resizes to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public Resize(int height, int width)
    {
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"Resize: the size must be positive but is {height}×{width}.");
        (Height, Width) = (height, width);
    }

    /// <summary>Output rows.</summary>
    public int Height { get; }

    /// <summary>Output columns.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Random random) => Apply(ImageBatch.Require(images, ToString()));

    /// <summary>The resized image [C, H, W] or batch [N, C, H, W], a new float tensor of the input's dtype.</summary>
    public Tensor Apply(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank is not (3 or 4) || images.DType == DType.Int32)
            throw new ArgumentException($"{this} expects float images [C, H, W] or [N, C, H, W] but got {images.DType} {images.Shape}.", nameof(images));
        int inH = images.Shape[^2], inW = images.Shape[^1], planes = images.Count / (inH * inW);
        var x = images.Contiguous().ToArray<double>();
        var y = new double[planes * Height * Width];
        var (y0, y1, ly) = Sources(inH, Height);
        var (x0, x1, lx) = Sources(inW, Width);
        for (int p = 0; p < planes; p++)
        {
            int from = p * inH * inW, to = p * Height * Width;
            for (int i = 0; i < Height; i++)
            {
                int top = from + y0[i] * inW, bottom = from + y1[i] * inW;
                for (int j = 0; j < Width; j++)
                {
                    double upper = (1 - lx[j]) * x[top + x0[j]] + lx[j] * x[top + x1[j]];
                    double lower = (1 - lx[j]) * x[bottom + x0[j]] + lx[j] * x[bottom + x1[j]];
                    y[to + i * Width + j] = (1 - ly[i]) * upper + ly[i] * lower;
                }
            }
        }
        var dims = images.Shape.ToArray();
        dims[^2] = Height;
        dims[^1] = Width;
        var result = Tensor.FromArray(y, new Shape(dims));
        return images.DType == DType.Float64 ? result : result.To(images.DType);
    }

    /// <summary>For each output index, the two input indices it reads and the weight of the second.</summary>
    private static (int[] First, int[] Second, double[] Lambda) Sources(int inSize, int outSize)
    {
        var first = new int[outSize];
        var second = new int[outSize];
        var lambda = new double[outSize];
        double scale = (double)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            double s = Math.Max(0, (i + 0.5) * scale - 0.5);
            first[i] = Math.Min((int)s, inSize - 1);
            second[i] = Math.Min(first[i] + 1, inSize - 1);
            lambda[i] = s - first[i];
        }
        return (first, second, lambda);
    }

    /// <summary>For example <c>Resize(32×32)</c>.</summary>
    public override string ToString() => $"Resize({Height}×{Width})";
}
