using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// The CIFAR-10 residual network of He et al. §4.2: a 3×3 convolution with 16 filters, three stages of n basic blocks
/// with 16, 32 and 64 channels (the last two halving the resolution), global average pooling and a dense
/// classifier; 6n + 2 weighted layers (ResNet-20, -32, -44, -56, -110).
/// </summary>
/// <remarks>
/// <para>K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition" (2015), §4.2. The paper uses
/// zero-padded identity shortcuts (option A); torchvision has no CIFAR ResNet, and this class uses the common option B
/// instead, a 1×1 strided convolution with batch norm where the shape changes, which adds 2,752 parameters to ResNet-20
/// (272,474 with 10 classes rather than the paper's 0.27M of option A, 269,722).</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, numClasses); 32×32 in the paper (8×8 in the last stage), 28×28 works
/// for Fashion-MNIST with <c>inChannels: 1</c>. Names follow torchvision's ResNet: <c>conv1</c>, <c>bn1</c>,
/// <c>layer1</c>…<c>layer3</c>, <c>fc</c>.</para>
/// </remarks>
public sealed class ResNetCifar : Module
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Relu _relu;
    private readonly Sequential[] _layers;
    private readonly GlobalAvgPool2d _avgpool;
    private readonly Dense _fc;

    /// <summary>Creates the 6n + 2 layer network.</summary>
    /// <param name="n">Basic blocks per stage (3 for ResNet-20).</param>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="inChannels">Channels of the input images (3 for CIFAR-10, 1 for Fashion-MNIST).</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public ResNetCifar(int n, int numClasses = 10, int inChannels = 3, Random? random = null)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"ResNetCifar needs at least one block per stage but n is {n}.");
        N = n;
        NumClasses = numClasses;
        InChannels = inChannels;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, 16, 3, padding: 1, bias: false, random: random));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(16));
        _relu = RegisterModule("relu", new Relu());
        int channels = 16;
        _layers = new Sequential[3];
        for (int i = 0; i < 3; i++)
            _layers[i] = RegisterModule(ResNet.StageNames[i], ResNet.Stage(ResNetBlock.Basic, ref channels, 16 << i, n, i == 0 ? 1 : 2, random));
        _avgpool = RegisterModule("avgpool", new GlobalAvgPool2d());
        _fc = RegisterModule("fc", new Dense(channels, numClasses, random: random));
    }

    /// <summary>ResNet-20 (n = 3).</summary>
    public static ResNetCifar ResNet20(int numClasses = 10, int inChannels = 3, Random? random = null) => new(3, numClasses, inChannels, random);

    /// <summary>ResNet-32 (n = 5).</summary>
    public static ResNetCifar ResNet32(int numClasses = 10, int inChannels = 3, Random? random = null) => new(5, numClasses, inChannels, random);

    /// <summary>ResNet-44 (n = 7).</summary>
    public static ResNetCifar ResNet44(int numClasses = 10, int inChannels = 3, Random? random = null) => new(7, numClasses, inChannels, random);

    /// <summary>ResNet-56 (n = 9).</summary>
    public static ResNetCifar ResNet56(int numClasses = 10, int inChannels = 3, Random? random = null) => new(9, numClasses, inChannels, random);

    /// <summary>ResNet-110 (n = 18).</summary>
    public static ResNetCifar ResNet110(int numClasses = 10, int inChannels = 3, Random? random = null) => new(18, numClasses, inChannels, random);

    /// <summary>n, basic blocks per stage.</summary>
    public int N { get; }

    /// <summary>Number of weighted layers, 6n + 2.</summary>
    public int Depth => 6 * N + 2;

    /// <summary>Outputs of the classifier.</summary>
    public int NumClasses { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = _relu.Call(_bn1.Call(_conv1.Call(input)));
        foreach (var stage in _layers) x = stage.Call(x);
        x = _avgpool.Call(x);
        return _fc.Call(x);
    }

    /// <summary>The stem's conv → batch norm → ReLU, folded under inference.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() => [[_conv1, _bn1, _relu]];

    /// <inheritdoc/>
    public override string Describe() => $"ResNetCifar(n {N}, depth {Depth}, {InChannels} => {NumClasses})";
}
