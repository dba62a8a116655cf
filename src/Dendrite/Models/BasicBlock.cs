using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// ResNet's basic residual block: y = ReLU(bn2(conv2(ReLU(bn1(conv1(x))))) + shortcut(x)) with two 3×3 convolutions.
/// </summary>
/// <remarks>
/// <para>K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition" (2015), Fig. 2 and Fig. 5 (left).
/// The shortcut is the identity when shape is kept (the course's "identity block") and <c>downsample</c>, a 1×1
/// strided convolution with batch norm, when the stride or channel count changes (the "convolutional block", the
/// paper's projection shortcut, option B).</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, channels, ⌈H/stride⌉, ⌈W/stride⌉). Names match torchvision's
/// <c>BasicBlock</c>: <c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>.</para>
/// </remarks>
public sealed class BasicBlock : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly BatchNorm2d _bn1, _bn2;
    private readonly Relu _relu1, _relu2;

    /// <summary>Output channels per input channel of the block's inner width: 1 for the basic block.</summary>
    public const int Expansion = 1;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="channels">Channels of both convolutions and of the output.</param>
    /// <param name="stride">Stride of the first convolution and of the projection (2 halves the resolution).</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public BasicBlock(int inChannels, int channels, int stride = 1, Random? random = null)
    {
        InChannels = inChannels;
        OutChannels = channels * Expansion;
        Stride = stride;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, channels, 3, stride, padding: 1, bias: false, random: random));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(channels));
        _relu1 = RegisterModule("relu1", new Relu());
        _conv2 = RegisterModule("conv2", new Conv2d(channels, channels, 3, padding: 1, bias: false, random: random));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(channels));
        _relu2 = RegisterModule("relu2", new Relu());
        if (stride != 1 || inChannels != OutChannels)
            Downsample = RegisterModule("downsample", Projection(inChannels, OutChannels, stride, random));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the block.</summary>
    public int Stride { get; }

    /// <summary>The projection shortcut (1×1 convolution + batch norm), or null for the identity.</summary>
    public Sequential? Downsample { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var shortcut = Downsample?.Call(input) ?? input;
        var x = _relu1.Call(_bn1.Call(_conv1.Call(input)));
        x = _bn2.Call(_conv2.Call(x));
        return _relu2.Call(x + shortcut);
    }

    /// <summary>Both conv → batch norm pairs folded under inference, and the final ReLU in place on the fresh sum.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() => [[_conv1, _bn1, _relu1], [_conv2, _bn2], [_relu2]];

    /// <inheritdoc/>
    public override string Describe() => $"BasicBlock({InChannels} => {OutChannels}, stride {Stride})";

    /// <summary>The projection shortcut W_s·x of the paper's Eq. 2: a 1×1 strided convolution without bias, then batch norm.</summary>
    internal static Sequential Projection(int inChannels, int outChannels, int stride, Random? random) =>
        new(new Conv2d(inChannels, outChannels, 1, stride, bias: false, random: random), new BatchNorm2d(outChannels));
}
