using System.Globalization;

namespace Dendrite.NN;

/// <summary>
/// Enlarges images without parameters (PyTorch's <c>nn.Upsample</c>, Keras's <c>UpSampling2D</c>): nearest repeats each
/// pixel, bilinear interpolates between the four nearest input pixels; see
/// <see cref="Functional.Interpolate(Tensor, double, InterpolationMode, bool)"/> for the source-point rules.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, C, H, W) → (N, C, ⌊H·scaleFactor⌋, ⌊W·scaleFactor⌋), or (N, C, size.H, size.W) when built
/// with an output size.</para>
/// <para>The gradient of an input pixel is the sum of the output gradients that read it, each times its weight.</para>
/// </remarks>
public sealed class Upsample : Module
{
    /// <summary>Scales images by <paramref name="scaleFactor"/>.</summary>
    /// <param name="scaleFactor">The factor on height and width (2 doubles both).</param>
    /// <param name="mode">Nearest or bilinear.</param>
    /// <param name="alignCorners">Bilinear only: map the corner pixels' centres onto each other (PyTorch's align_corners).</param>
    public Upsample(double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        if (!(scaleFactor > 0)) throw new ArgumentOutOfRangeException(nameof(scaleFactor), $"Upsample needs a positive scale factor but got {scaleFactor}.");
        if (alignCorners && mode != InterpolationMode.Bilinear)
            throw new ArgumentException($"Upsample: alignCorners applies to bilinear resizing only, not {mode}.", nameof(alignCorners));
        ScaleFactor = scaleFactor;
        Mode = mode;
        AlignCorners = alignCorners;
    }

    /// <summary>Resizes images to <paramref name="size"/> whatever their input size.</summary>
    public Upsample((int H, int W) size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        if (size.H < 1 || size.W < 1) throw new ArgumentOutOfRangeException(nameof(size), $"Upsample needs a positive size but got {size}.");
        if (alignCorners && mode != InterpolationMode.Bilinear)
            throw new ArgumentException($"Upsample: alignCorners applies to bilinear resizing only, not {mode}.", nameof(alignCorners));
        Size = size;
        Mode = mode;
        AlignCorners = alignCorners;
    }

    /// <summary>The factor on height and width, or null when the layer has a fixed output size.</summary>
    public double? ScaleFactor { get; }

    /// <summary>The output size, or null when the layer scales by a factor.</summary>
    public (int H, int W)? Size { get; }

    /// <summary>Nearest or bilinear.</summary>
    public InterpolationMode Mode { get; }

    /// <summary>Whether bilinear resizing aligns the corner pixels.</summary>
    public bool AlignCorners { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[2] < 1 || input.Shape[3] < 1)
            throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        if (Size is { } size) return Functional.Interpolate(input, size, Mode, AlignCorners);
        double f = ScaleFactor!.Value;
        if (input.Shape[2] * f < 1 || input.Shape[3] * f < 1)
            throw new ArgumentException($"{Describe()} would give an empty image for {input.Shape}.");
        return Functional.Interpolate(input, f, Mode, AlignCorners);
    }

    /// <inheritdoc/>
    public override string Describe() =>
        "Upsample(" + (Size is { } s ? $"size {s.H}×{s.W}" : "scale " + ScaleFactor!.Value.ToString(CultureInfo.InvariantCulture))
        + ", " + Mode.ToString().ToLowerInvariant() + (AlignCorners ? ", align corners" : "") + ")";
}
