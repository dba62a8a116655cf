using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// A depthwise-separable convolution: a 3×3 depthwise convolution (one filter per channel) → BN → ReLU, then a 1×1
/// pointwise convolution mixing channels → BN → ReLU.
/// </summary>
/// <remarks><b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, ⌈H/s⌉, ⌈W/s⌉). Children <c>depthwise</c> and
/// <c>pointwise</c>, each conv (0), batch norm (1) and ReLU (2).</remarks>
public sealed class DepthwiseSeparable : Module
{
    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Channels of the input (and of the depthwise convolution).</param>
    /// <param name="outChannels">Filters of the pointwise convolution.</param>
    /// <param name="stride">Stride of the depthwise convolution.</param>
    /// <param name="random">Seeded generator for the initializers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public DepthwiseSeparable(int inChannels, int outChannels, int stride = 1, Random? random = null, DType dtype = DType.Float32)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        Depthwise = RegisterModule("depthwise", ConvNormActivation.Create(inChannels, inChannels, 3, stride, groups: inChannels, activation: new Relu(), random: random, dtype: dtype));
        Pointwise = RegisterModule("pointwise", ConvNormActivation.Create(inChannels, outChannels, 1, activation: new Relu(), random: random, dtype: dtype));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the depthwise convolution.</summary>
    public int Stride { get; }

    /// <summary>3×3 depthwise conv, BN, ReLU.</summary>
    public Sequential Depthwise { get; }

    /// <summary>1×1 pointwise conv, BN, ReLU.</summary>
    public Sequential Pointwise { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Pointwise.Call(Depthwise.Call(input));

    /// <inheritdoc/>
    public override string Describe() => $"DepthwiseSeparable({InChannels} => {OutChannels}, stride {Stride})";
}
