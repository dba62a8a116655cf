using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// MobileNetV2: a 3×3 stem, seventeen inverted residual blocks and a 1×1 convolution to 1280 channels, then global
/// average pooling, dropout and a linear classifier.
/// </summary>
/// <remarks>
/// <para>M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen, "MobileNetV2: Inverted Residuals and Linear
/// Bottlenecks" (CVPR 2018). Each block expands a thin bottleneck by a factor t with a 1×1 convolution, filters it
/// with a 3×3 depthwise convolution (ReLU6 after both), and projects it back with a linear 1×1 convolution; the skip
/// connection joins the thin bottlenecks when the stride is 1 and the widths agree.</para>
/// <para>Stages (t, c, n, s): (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
/// (6, 320, 1, 1). Channels are c·α rounded by <see cref="MakeDivisible"/>; the last convolution has
/// 1280·max(1, α) channels.</para>
/// <para><b>Shape:</b> (N, 3, H, W) → (N, numClasses), H and W divisible by 32 for the full feature map (any size ≥ 32
/// works). Parameter names follow torchvision's <c>mobilenet_v2</c> (<c>features.1.conv.0.0.weight</c>,
/// <c>classifier.1.weight</c>); with α = 1 and 1000 classes there are 3,504,872 parameters, as in torchvision.</para>
/// </remarks>
public sealed class MobileNetV2 : Module
{
    private static readonly (int T, int C, int N, int S)[] Setting =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    private readonly GlobalAvgPool2d _pool = new();

    /// <summary>Builds the network.</summary>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="widthMultiplier">α, scaling every layer's channels.</param>
    /// <param name="dropout">Drop probability before the classifier.</param>
    /// <param name="roundNearest">Channel counts are rounded to multiples of this.</param>
    /// <param name="random">Seeded generator for the initializers (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public MobileNetV2(int numClasses = 1000, double widthMultiplier = 1.0, double dropout = 0.2, int roundNearest = 8,
        Random? random = null, DType dtype = DType.Float32)
    {
        if (numClasses <= 0 || widthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"MobileNetV2 needs positive numClasses ({numClasses}) and width multiplier ({widthMultiplier}).");
        random ??= Init.DefaultRandom;
        int input = MakeDivisible(32 * widthMultiplier, roundNearest);
        LastChannels = MakeDivisible(1280 * Math.Max(1.0, widthMultiplier), roundNearest);
        var features = new List<Module> { ConvNormActivation.Create(3, input, 3, stride: 2, activation: new Relu6(), random: random, dtype: dtype) };
        foreach (var (t, c, n, s) in Setting)
        {
            int output = MakeDivisible(c * widthMultiplier, roundNearest);
            for (int i = 0; i < n; i++)
            {
                features.Add(new InvertedResidual(input, output, i == 0 ? s : 1, t, random, dtype));
                input = output;
            }
        }
        features.Add(ConvNormActivation.Create(input, LastChannels, 1, activation: new Relu6(), random: random, dtype: dtype));
        Features = RegisterModule("features", new Sequential([.. features]));
        Classifier = RegisterModule("classifier", new Sequential(new Dropout(dropout, random.Next()), new Dense(LastChannels, numClasses, random: random, dtype: dtype)));
    }

    /// <summary>Channels of the last feature map (1280 for α ≤ 1).</summary>
    public int LastChannels { get; }

    /// <summary>The convolutional trunk: stem, inverted residual blocks and the final 1×1 convolution.</summary>
    public Sequential Features { get; }

    /// <summary>Dropout then the linear layer.</summary>
    public Sequential Classifier { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != 3)
            throw new ArgumentException($"MobileNetV2 expects [N, 3, H, W] but got {input.Shape}.");
        return Classifier.Call(_pool.Call(Features.Call(input)));
    }

    /// <summary>
    /// Rounds v to the nearest multiple of <paramref name="divisor"/>, at least <paramref name="minValue"/> (default the
    /// divisor) and never more than 10% below v: torchvision's <c>_make_divisible</c>, from the TensorFlow reference.
    /// </summary>
    public static int MakeDivisible(double v, int divisor = 8, int? minValue = null)
    {
        int rounded = Math.Max(minValue ?? divisor, (int)(v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }
}
