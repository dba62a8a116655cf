namespace Dendrite.NN;

/// <summary>Average pooling to a fixed output grid whatever the input size, as in PyTorch.</summary>
/// <remarks>
/// <b>Shape:</b> (N, C, H, W) → (N, C, outH, outW). Cell (i, j) averages rows [⌊i·H/outH⌋, ⌈(i+1)·H/outH⌉) and the
/// matching columns; cells may overlap when the sizes do not divide. (1, 1) is global average pooling.
/// </remarks>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer for an outH×outW output.</summary>
    public AdaptiveAvgPool2d(int outH, int outW)
    {
        if (outH <= 0 || outW <= 0) throw new ArgumentOutOfRangeException(nameof(outH), $"AdaptiveAvgPool2d({outH}, {outW}) needs a positive output size.");
        OutH = outH;
        OutW = outW;
    }

    /// <summary>Creates the layer for a square size×size output.</summary>
    public AdaptiveAvgPool2d(int size) : this(size, size)
    {
    }

    /// <summary>Output height.</summary>
    public int OutH { get; }

    /// <summary>Output width.</summary>
    public int OutW { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4) throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        return Functional.AdaptiveAvgPool2d(input, OutH, OutW);
    }

    /// <inheritdoc/>
    public override string Describe() => $"AdaptiveAvgPool2d({OutH}, {OutW})";
}
