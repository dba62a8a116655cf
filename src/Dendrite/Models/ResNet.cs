using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// The ImageNet residual network: a 7×7/2 stem convolution and 3×3/2 max pool, four stages of residual blocks
/// (64, 128, 256, 512 channels, each after the first halving the resolution), global average pooling and a dense
/// classifier.
/// </summary>
/// <remarks>
/// <para>K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition" (2015), Table 1. A block
/// learns the residual F(x) and outputs ReLU(F(x) + x), so an identity mapping is as easy as driving F to zero; the
/// addition is an ordinary tensor <c>+</c>, and the projection shortcut (option B) is an ordinary module.</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, numClasses) for any H, W ≥ 32 (224 in the paper; the last stage
/// then sees 7×7). Parameter names match torchvision's <c>resnet18/34/50</c> one to one (<c>conv1.weight</c>,
/// <c>bn1.running_mean</c>, <c>layer1.0.conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>, <c>fc.weight</c>), so
/// their state dicts load directly. With 1000 classes: ResNet-18 11,689,512, ResNet-34 21,797,672, ResNet-50
/// 25,557,032 parameters.</para>
/// </remarks>
public sealed class ResNet : Module
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Relu _relu;
    private readonly MaxPool2d _maxpool;
    private readonly Sequential[] _layers;

    /// <summary>torchvision's names of the stages, written once so a forward pass builds no strings.</summary>
    internal static readonly string[] StageNames = ["layer1", "layer2", "layer3", "layer4"];
    private readonly GlobalAvgPool2d _avgpool;
    private readonly Dense _fc;

    /// <summary>Creates a residual network with <paramref name="blocks"/>[i] blocks in stage i + 1.</summary>
    /// <param name="block">The residual block stacked in every stage.</param>
    /// <param name="blocks">Blocks per stage, four entries (e.g. [2, 2, 2, 2] for ResNet-18).</param>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="inChannels">Channels of the input images.</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public ResNet(ResNetBlock block, IReadOnlyList<int> blocks, int numClasses = 1000, int inChannels = 3, Random? random = null)
    {
        if (blocks.Count != 4 || blocks.Any(b => b <= 0))
            throw new ArgumentException($"ResNet needs four positive block counts but got [{string.Join(", ", blocks)}].", nameof(blocks));
        Block = block;
        Blocks = [.. blocks];
        NumClasses = numClasses;
        InChannels = inChannels;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, 64, 7, stride: 2, padding: 3, bias: false, random: random));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(64));
        _relu = RegisterModule("relu", new Relu());
        _maxpool = RegisterModule("maxpool", new MaxPool2d(3, 2, padding: 1));
        int channels = 64;
        _layers = new Sequential[4];
        for (int i = 0; i < 4; i++)
            _layers[i] = RegisterModule(StageNames[i], Stage(block, ref channels, 64 << i, blocks[i], i == 0 ? 1 : 2, random));
        _avgpool = RegisterModule("avgpool", new GlobalAvgPool2d());
        _fc = RegisterModule("fc", new Dense(channels, numClasses, random: random));
    }

    /// <summary>ResNet-18: basic blocks [2, 2, 2, 2].</summary>
    public static ResNet ResNet18(int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(ResNetBlock.Basic, [2, 2, 2, 2], numClasses, inChannels, random);

    /// <summary>ResNet-34: basic blocks [3, 4, 6, 3].</summary>
    public static ResNet ResNet34(int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(ResNetBlock.Basic, [3, 4, 6, 3], numClasses, inChannels, random);

    /// <summary>ResNet-50: bottleneck blocks [3, 4, 6, 3].</summary>
    public static ResNet ResNet50(int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(ResNetBlock.Bottleneck, [3, 4, 6, 3], numClasses, inChannels, random);

    /// <summary>ResNet-101: bottleneck blocks [3, 4, 23, 3].</summary>
    public static ResNet ResNet101(int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(ResNetBlock.Bottleneck, [3, 4, 23, 3], numClasses, inChannels, random);

    /// <summary>ResNet-152: bottleneck blocks [3, 8, 36, 3].</summary>
    public static ResNet ResNet152(int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(ResNetBlock.Bottleneck, [3, 8, 36, 3], numClasses, inChannels, random);

    /// <summary>The block type of every stage.</summary>
    public ResNetBlock Block { get; }

    /// <summary>Blocks per stage.</summary>
    public IReadOnlyList<int> Blocks { get; }

    /// <summary>Outputs of the classifier.</summary>
    public int NumClasses { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = _relu.Call(_bn1.Call(_conv1.Call(input)));
        x = _maxpool.Call(x);
        foreach (var stage in _layers) x = stage.Call(x);
        x = _avgpool.Call(x);
        return _fc.Call(x);
    }

    /// <summary>The stem's conv → batch norm → ReLU, folded under inference.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() => [[_conv1, _bn1, _relu]];

    /// <inheritdoc/>
    public override string Describe() => $"ResNet({Block}, [{string.Join(", ", Blocks)}], {InChannels} => {NumClasses})";

    /// <summary>
    /// One stage: the first block changes stride and channels (with a projection shortcut when needed), the rest keep
    /// them. <paramref name="channels"/> enters as the stage's input channels and leaves as its output channels.
    /// </summary>
    internal static Sequential Stage(ResNetBlock block, ref int channels, int width, int count, int stride, Random? random)
    {
        var blocks = new Module[count];
        for (int i = 0; i < count; i++)
        {
            int s = i == 0 ? stride : 1;
            if (block == ResNetBlock.Basic)
            {
                var b = new BasicBlock(channels, width, s, random);
                channels = b.OutChannels;
                blocks[i] = b;
            }
            else
            {
                var b = new Bottleneck(channels, width, s, random);
                channels = b.OutChannels;
                blocks[i] = b;
            }
        }
        return new Sequential(blocks);
    }
}
