using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>torchvision's <c>BasicConv2d</c>: conv (no bias) → batch norm (ε = 0.001) → ReLU, children <c>conv</c> and <c>bn</c>.</summary>
/// <remarks><b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, H', W') as for <see cref="Conv2d"/>.</remarks>
public sealed class BasicConv2d : Module
{
    /// <summary>Builds the unit.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Filters.</param>
    /// <param name="kernelSize">k.</param>
    /// <param name="stride">s.</param>
    /// <param name="padding">Zeros per side.</param>
    /// <param name="random">Seeded generator for the initializer.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public BasicConv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, Random? random = null, DType dtype = DType.Float32)
    {
        Conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, kernelSize, stride, padding, bias: false, random: random, dtype: dtype));
        Bn = RegisterModule("bn", new BatchNorm2d(outChannels, epsilon: 0.001, dtype: dtype));
    }

    /// <summary>The convolution.</summary>
    public Conv2d Conv { get; }

    /// <summary>The batch normalization.</summary>
    public BatchNorm2d Bn { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Bn.Call(Conv.Call(input)).Relu();

    /// <inheritdoc/>
    public override string Describe() => $"BasicConv2d({Conv.InChannels} => {Conv.OutChannels}, kernel {Conv.KernelSize})";
}
