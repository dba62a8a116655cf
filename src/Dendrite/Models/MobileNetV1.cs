using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// MobileNetV1: a 3×3 stride-2 stem and thirteen depthwise-separable blocks (3×3 depthwise then 1×1 pointwise, each
/// with batch norm and ReLU), global average pooling and a linear classifier.
/// </summary>
/// <remarks>
/// <para>A. G. Howard, M. Zhu, B. Chen, D. Kalenichenko, W. Wang, T. Weyand, M. Andreetto, H. Adam, "MobileNets:
/// Efficient Convolutional Neural Networks for Mobile Vision Applications" (2017). A depthwise-separable convolution
/// costs D_K²·M·D_F² + M·N·D_F² multiply-adds instead of D_K²·M·N·D_F², 8–9 times fewer for 3×3 kernels. The width
/// multiplier α thins every layer to ⌊α·c⌋ channels (Keras's rounding); the resolution multiplier is simply the input
/// size.</para>
/// <para>Blocks (output channels, stride): (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), 5 × (512, 1),
/// (1024, 2), (1024, 1). torchvision has no MobileNetV1, so names follow its MobileNetV2 style:
/// <c>features.0.0.weight</c> (stem), <c>features.k.depthwise.0.weight</c>, <c>features.k.pointwise.1.bias</c>,
/// <c>fc.weight</c>.</para>
/// <para>Parameters for α = 1 and 1000 classes: convolution weights 3·3·3·32 = 864, depthwise Σ 9·Mᵢ = 44,640, pointwise
/// Σ Mᵢ·Nᵢ = 3,139,584; batch norm γ and β over 10,944 channels = 21,888; the classifier 1024·1000 + 1000 = 1,025,000;
/// total 4,231,976 (the paper's "4.2 million"; Keras's trainable count, which leaves out the running statistics).</para>
/// <para><b>Shape:</b> (N, 3, H, W) → (N, numClasses); H and W of at least 32.</para>
/// </remarks>
public sealed class MobileNetV1 : Module
{
    private static readonly (int Channels, int Stride)[] Blocks =
        [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)];

    private readonly GlobalAvgPool2d _pool = new();

    /// <summary>Builds the network.</summary>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="widthMultiplier">α in (0, 1]: layers have ⌊α·c⌋ channels (at least 1).</param>
    /// <param name="dropout">Drop probability before the classifier (Keras uses 0.001).</param>
    /// <param name="random">Seeded generator for the initializers (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public MobileNetV1(int numClasses = 1000, double widthMultiplier = 1.0, double dropout = 0.001, Random? random = null, DType dtype = DType.Float32)
    {
        if (numClasses <= 0 || widthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"MobileNetV1 needs positive numClasses ({numClasses}) and width multiplier ({widthMultiplier}).");
        random ??= Init.DefaultRandom;
        int Width(int c) => Math.Max(1, (int)(c * widthMultiplier));
        int input = Width(32);
        var features = new List<Module> { ConvNormActivation.Create(3, input, 3, stride: 2, activation: new Relu(), random: random, dtype: dtype) };
        foreach (var (channels, stride) in Blocks)
        {
            features.Add(new DepthwiseSeparable(input, Width(channels), stride, random, dtype));
            input = Width(channels);
        }
        LastChannels = input;
        Features = RegisterModule("features", new Sequential([.. features]));
        Dropout = RegisterModule("dropout", new Dropout(dropout, random.Next()));
        Fc = RegisterModule("fc", new Dense(LastChannels, numClasses, random: random, dtype: dtype));
    }

    /// <summary>Channels of the last feature map (1024·α).</summary>
    public int LastChannels { get; }

    /// <summary>The stem and the thirteen depthwise-separable blocks.</summary>
    public Sequential Features { get; }

    /// <summary>Dropout before the classifier.</summary>
    public Dropout Dropout { get; }

    /// <summary>The linear classifier.</summary>
    public Dense Fc { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != 3)
            throw new ArgumentException($"MobileNetV1 expects [N, 3, H, W] but got {input.Shape}.");
        return Fc.Call(Dropout.Call(_pool.Call(Features.Call(input))));
    }
}
