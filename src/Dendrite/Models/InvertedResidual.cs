using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// MobileNetV2's inverted residual with linear bottleneck: 1×1 expansion (ReLU6) → 3×3 depthwise (ReLU6) → linear 1×1
/// projection → BN, plus the input when the stride is 1 and the widths match.
/// </summary>
/// <remarks>
/// <b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, ⌈H/s⌉, ⌈W/s⌉). The layers sit in the child <c>conv</c>
/// (torchvision's names): <c>conv.0</c> expansion (absent when t = 1), then depthwise, projection conv and BN.
/// </remarks>
public sealed class InvertedResidual : Module
{
    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Channels of the input bottleneck.</param>
    /// <param name="outChannels">Channels of the output bottleneck.</param>
    /// <param name="stride">Stride of the depthwise convolution (1 or 2).</param>
    /// <param name="expandRatio">t: the hidden width is round(t·inChannels).</param>
    /// <param name="random">Seeded generator for the initializers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public InvertedResidual(int inChannels, int outChannels, int stride, double expandRatio, Random? random = null, DType dtype = DType.Float32)
    {
        if (stride is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stride), $"InvertedResidual stride must be 1 or 2 but is {stride}.");
        int hidden = (int)Math.Round(inChannels * expandRatio);
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        UsesResidual = stride == 1 && inChannels == outChannels;
        var layers = new List<Module>();
        if (expandRatio != 1) layers.Add(ConvNormActivation.Create(inChannels, hidden, 1, activation: new Relu6(), random: random, dtype: dtype));
        layers.Add(ConvNormActivation.Create(hidden, hidden, 3, stride, groups: hidden, activation: new Relu6(), random: random, dtype: dtype));
        layers.Add(new Conv2d(hidden, outChannels, 1, bias: false, random: random, dtype: dtype));
        layers.Add(new BatchNorm2d(outChannels, dtype: dtype));
        Conv = RegisterModule("conv", new Sequential([.. layers]));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the depthwise convolution.</summary>
    public int Stride { get; }

    /// <summary>Whether the input is added to the output (stride 1 and equal widths).</summary>
    public bool UsesResidual { get; }

    /// <summary>Expansion, depthwise and projection layers.</summary>
    public Sequential Conv { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var y = Conv.Call(input);
        return UsesResidual ? input + y : y;
    }

    /// <inheritdoc/>
    public override string Describe() => $"InvertedResidual({InChannels} => {OutChannels}, stride {Stride})";
}
