using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// ResNet's bottleneck block: 1×1 reduce → 3×3 → 1×1 expand (×4), each followed by batch norm, with ReLU after the
/// first two and after the residual addition: y = ReLU(bn3(conv3(…)) + shortcut(x)).
/// </summary>
/// <remarks>
/// <para>K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition" (2015), Fig. 5 (right), used by
/// ResNet-50/101/152. As in torchvision (ResNet v1.5) the stride sits on the 3×3 convolution rather than on the first
/// 1×1; the parameter count is the same. The shortcut is the identity when shape is kept and <c>downsample</c>
/// (1×1 strided convolution + batch norm) otherwise.</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, 4·width, ⌈H/stride⌉, ⌈W/stride⌉). Names match torchvision's
/// <c>Bottleneck</c>: <c>conv1</c>…<c>conv3</c>, <c>bn1</c>…<c>bn3</c>, <c>downsample.0</c>, <c>downsample.1</c>.</para>
/// </remarks>
public sealed class Bottleneck : Module
{
    private readonly Conv2d _conv1, _conv2, _conv3;
    private readonly BatchNorm2d _bn1, _bn2, _bn3;
    private readonly Relu _relu1, _relu2, _relu3;

    /// <summary>Output channels per channel of the inner width: 4.</summary>
    public const int Expansion = 4;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="width">Channels of the two inner convolutions; the block outputs 4·width.</param>
    /// <param name="stride">Stride of the 3×3 convolution and of the projection.</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public Bottleneck(int inChannels, int width, int stride = 1, Random? random = null)
    {
        InChannels = inChannels;
        OutChannels = width * Expansion;
        Stride = stride;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, width, 1, bias: false, random: random));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(width));
        _conv2 = RegisterModule("conv2", new Conv2d(width, width, 3, stride, padding: 1, bias: false, random: random));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(width));
        _conv3 = RegisterModule("conv3", new Conv2d(width, OutChannels, 1, bias: false, random: random));
        _bn3 = RegisterModule("bn3", new BatchNorm2d(OutChannels));
        _relu1 = RegisterModule("relu1", new Relu());
        _relu2 = RegisterModule("relu2", new Relu());
        _relu3 = RegisterModule("relu3", new Relu());
        if (stride != 1 || inChannels != OutChannels)
            Downsample = RegisterModule("downsample", BasicBlock.Projection(inChannels, OutChannels, stride, random));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output, 4·width.</summary>
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
        x = _relu2.Call(_bn2.Call(_conv2.Call(x)));
        x = _bn3.Call(_conv3.Call(x));
        return _relu3.Call(x + shortcut);
    }

    /// <summary>The three conv → batch norm pairs folded under inference, and the final ReLU in place on the fresh sum.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() =>
        [[_conv1, _bn1, _relu1], [_conv2, _bn2, _relu2], [_conv3, _bn3], [_relu3]];

    /// <inheritdoc/>
    public override string Describe() => $"Bottleneck({InChannels} => {OutChannels}, stride {Stride})";
}
