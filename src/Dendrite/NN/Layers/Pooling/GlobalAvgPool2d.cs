namespace Dendrite.NN;

/// <summary>Global average pooling: the mean of each channel over all positions, ready for a Dense head.</summary>
/// <remarks><b>Shape:</b> (N, C, H, W) → (N, C), as Keras's GlobalAveragePooling2D; equals AdaptiveAvgPool2d(1) then Flatten.</remarks>
public sealed class GlobalAvgPool2d : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4) throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        return Functional.AdaptiveAvgPool2d(input, 1, 1).Reshape(input.Shape[0], input.Shape[1]);
    }

    /// <inheritdoc/>
    public override string Describe() => "GlobalAvgPool2d()";
}
