using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// The convolution → batch norm → activation unit shared by MobileNet and EfficientNet, laid out as torchvision's
/// <c>Conv2dNormActivation</c>: a <see cref="Sequential"/> whose children 0, 1 (and 2) are the bias-free
/// <see cref="Conv2d"/>, the <see cref="BatchNorm2d"/> and the activation.
/// </summary>
public static class ConvNormActivation
{
    /// <summary>Builds conv(k×k, padding (k − 1)/2) → BN → <paramref name="activation"/> (none when null, as after a linear bottleneck).</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Filters of the convolution.</param>
    /// <param name="kernelSize">k (odd, so the padding keeps the size at stride 1).</param>
    /// <param name="stride">s.</param>
    /// <param name="groups">Convolution groups (inChannels for a depthwise convolution).</param>
    /// <param name="activation">The activation module, or null for none.</param>
    /// <param name="epsilon">Batch norm ε.</param>
    /// <param name="momentum">Batch norm momentum.</param>
    /// <param name="random">Seeded generator for the convolution's initializer.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public static Sequential Create(int inChannels, int outChannels, int kernelSize, int stride = 1, int groups = 1, Module? activation = null,
        double epsilon = 1e-5, double momentum = 0.1, Random? random = null, DType dtype = DType.Float32)
    {
        var conv = new Conv2d(inChannels, outChannels, kernelSize, stride, (kernelSize - 1) / 2, groups: groups, bias: false, random: random, dtype: dtype);
        var norm = new BatchNorm2d(outChannels, epsilon, momentum, dtype);
        return activation is null ? new Sequential(conv, norm) : new Sequential(conv, norm, activation);
    }
}
