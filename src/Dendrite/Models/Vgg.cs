using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// VGG: stacks of 3×3 convolutions (padding 1, ReLU, optional batch norm) separated by 2×2 max pools, with 64, 128,
/// 256, 512 and 512 channels in the five stages, adaptive average pooling to 7×7 and a classifier of two 4096-unit
/// dense layers with dropout. Depth 11, 13, 16 or 19 counts the weighted layers.
/// </summary>
/// <remarks>
/// <para>K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks for Large-Scale Image Recognition" (2014),
/// configurations A (11), B (13), D (16) and E (19) of Table 1. Two stacked 3×3 convolutions see a 5×5 field and
/// three a 7×7 one, with fewer parameters and more non-linearities than one large filter. The batch-norm variants
/// (torchvision's <c>vgg16_bn</c>) put BatchNorm2d between each convolution and its ReLU and keep the convolution bias.</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, numClasses) for H, W ≥ 32 (224 in the paper). Names match
/// torchvision's <c>vgg11</c>…<c>vgg19_bn</c>: <c>features.{i}</c> numbered over every layer including ReLU and pooling,
/// <c>classifier.0</c>, <c>classifier.3</c>, <c>classifier.6</c>. VGG-16 has 138,357,544 parameters with 1000
/// classes, VGG-16 with batch norm 138,365,992.</para>
/// </remarks>
public sealed class Vgg : Module
{
    private const int M = 0;
    private static readonly int[] A = [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M];
    private static readonly int[] B = [64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M];
    private static readonly int[] D = [64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M];
    private static readonly int[] E = [64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M];

    private readonly Sequential _features, _classifier;
    private readonly AdaptiveAvgPool2d _avgpool;
    private readonly Flatten _flatten;

    /// <summary>Creates VGG-<paramref name="depth"/>.</summary>
    /// <param name="depth">11, 13, 16 or 19 weighted layers.</param>
    /// <param name="batchNorm">Whether to insert BatchNorm2d after every convolution.</param>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="inChannels">Channels of the input images.</param>
    /// <param name="dropout">Drop probability of the two dropout layers.</param>
    /// <param name="random">Seeded generator for the weights and dropout masks (default: <see cref="Init.DefaultRandom"/>).</param>
    public Vgg(int depth, bool batchNorm = false, int numClasses = 1000, int inChannels = 3, double dropout = 0.5, Random? random = null)
    {
        var config = depth switch
        {
            11 => A, 13 => B, 16 => D, 19 => E,
            _ => throw new ArgumentOutOfRangeException(nameof(depth), $"VGG depth must be 11, 13, 16 or 19 but is {depth}."),
        };
        Depth = depth;
        BatchNorm = batchNorm;
        NumClasses = numClasses;
        InChannels = inChannels;
        _features = RegisterModule("features", BuildFeatures(config, inChannels, batchNorm, random));
        _avgpool = RegisterModule("avgpool", new AdaptiveAvgPool2d(7));
        _flatten = RegisterModule("flatten", new Flatten());
        _classifier = RegisterModule("classifier", new Sequential(
            new Dense(512 * 7 * 7, 4096, init: Init.He, random: random), new Relu(), new Dropout(dropout, random?.Next()),
            new Dense(4096, 4096, init: Init.He, random: random), new Relu(), new Dropout(dropout, random?.Next()),
            new Dense(4096, numClasses, random: random)));
    }

    /// <summary>VGG-11 (configuration A).</summary>
    public static Vgg Vgg11(bool batchNorm = false, int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(11, batchNorm, numClasses, inChannels, random: random);

    /// <summary>VGG-13 (configuration B).</summary>
    public static Vgg Vgg13(bool batchNorm = false, int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(13, batchNorm, numClasses, inChannels, random: random);

    /// <summary>VGG-16 (configuration D).</summary>
    public static Vgg Vgg16(bool batchNorm = false, int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(16, batchNorm, numClasses, inChannels, random: random);

    /// <summary>VGG-19 (configuration E).</summary>
    public static Vgg Vgg19(bool batchNorm = false, int numClasses = 1000, int inChannels = 3, Random? random = null) =>
        new(19, batchNorm, numClasses, inChannels, random: random);

    /// <summary>Number of weighted layers: 11, 13, 16 or 19.</summary>
    public int Depth { get; }

    /// <summary>Whether every convolution is followed by batch norm.</summary>
    public bool BatchNorm { get; }

    /// <summary>Outputs of the classifier.</summary>
    public int NumClasses { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <summary>The convolutional part, [N, inChannels, H, W] → [N, 512, H/32, W/32].</summary>
    public Sequential Features => _features;

    /// <summary>The dense head, [N, 25088] → [N, numClasses].</summary>
    public Sequential Classifier => _classifier;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = _features.Call(input);
        x = _avgpool.Call(x);
        x = _flatten.Call(x);
        return _classifier.Call(x);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Vgg{Depth}{(BatchNorm ? "Bn" : "")}({InChannels} => {NumClasses})";

    private static Sequential BuildFeatures(int[] config, int inChannels, bool batchNorm, Random? random)
    {
        var layers = new List<Module>();
        int channels = inChannels;
        foreach (int v in config)
        {
            if (v == M)
            {
                layers.Add(new MaxPool2d(2));
                continue;
            }
            layers.Add(new Conv2d(channels, v, 3, padding: 1, random: random));
            if (batchNorm) layers.Add(new BatchNorm2d(v));
            layers.Add(new Relu());
            channels = v;
        }
        return new Sequential([.. layers]);
    }
}
