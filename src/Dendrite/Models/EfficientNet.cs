using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// EfficientNet B0–B7: the B0 baseline of MBConv blocks (inverted residuals with squeeze-and-excitation and SiLU),
/// scaled up in depth, width and resolution together.
/// </summary>
/// <remarks>
/// <para>M. Tan, Q. V. Le, "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks" (ICML 2019).
/// Compound scaling multiplies depth by α^φ, width by β^φ and resolution by γ^φ, with α = 1.2, β = 1.1, γ = 1.15 found
/// by grid search under α·β²·γ² ≈ 2, so each step of φ roughly doubles the FLOPs (<see cref="CompoundScaling"/>). The
/// released B1–B7 use rounded coefficients from the reference implementation, which <see cref="Variant"/> lists and
/// the factories use: (width, depth, resolution, dropout) = (1.0, 1.0, 224, 0.2), (1.0, 1.1, 240, 0.2),
/// (1.1, 1.2, 260, 0.3), (1.2, 1.4, 300, 0.3), (1.4, 1.8, 380, 0.4), (1.6, 2.2, 456, 0.4), (1.8, 2.6, 528, 0.5),
/// (2.0, 3.1, 600, 0.5).</para>
/// <para>B0 stages (expansion t, kernel k, stride s, in, out, layers n): (1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2),
/// (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3), (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1);
/// then a 1×1 convolution to 4·320 = 1280 channels. Channels scale as <see cref="MobileNetV2.MakeDivisible"/>(c·width)
/// and layer counts as ⌈n·depth⌉, as in torchvision. Each MBConv's squeeze-excitation bottleneck is ⌊in/4⌋ channels.
/// B5–B7 use batch norm with ε = 0.001 and momentum 0.01, again as torchvision.</para>
/// <para>Parameter counts with 1000 classes equal torchvision's: B0 5,288,548; B1 7,794,184; B2 9,109,994;
/// B3 12,233,232; B4 19,341,616; B5 30,389,784; B6 43,040,704; B7 66,347,960. Names follow torchvision's
/// <c>efficientnet_b0</c>: <c>features.0.0.weight</c>, <c>features.2.0.block.2.fc1.weight</c>,
/// <c>features.8.1.bias</c>, <c>classifier.1.weight</c>.</para>
/// <para><b>Shape:</b> (N, 3, H, W) → (N, numClasses); <see cref="Resolution"/> is the size each variant was trained
/// at; inputs down to 64×64 are tested.</para>
/// </remarks>
public sealed class EfficientNet : Module
{
    private static readonly (int Expand, int Kernel, int Stride, int In, int Out, int Layers)[] BaseStages =
        [(1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3), (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1)];

    private static readonly (double Width, double Depth, int Resolution, double Dropout)[] Variants =
        [(1.0, 1.0, 224, 0.2), (1.0, 1.1, 240, 0.2), (1.1, 1.2, 260, 0.3), (1.2, 1.4, 300, 0.3),
         (1.4, 1.8, 380, 0.4), (1.6, 2.2, 456, 0.4), (1.8, 2.6, 528, 0.5), (2.0, 3.1, 600, 0.5)];

    private readonly GlobalAvgPool2d _pool;

    /// <summary>Builds an EfficientNet with explicit multipliers (use <see cref="Create"/> or <see cref="B0"/> for the released variants).</summary>
    /// <param name="widthMultiplier">Multiplies every stage's channels.</param>
    /// <param name="depthMultiplier">Multiplies every stage's number of blocks (rounded up).</param>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="dropout">Drop probability before the classifier.</param>
    /// <param name="stochasticDepth">Largest drop probability of a residual branch; block i of B drops with p·i/B.</param>
    /// <param name="resolution">The intended input size, kept for reference.</param>
    /// <param name="bnEpsilon">Batch norm ε.</param>
    /// <param name="bnMomentum">Batch norm momentum.</param>
    /// <param name="random">Seeded generator for the initializers and the stochastic-depth seeds (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public EfficientNet(double widthMultiplier, double depthMultiplier, int numClasses = 1000, double dropout = 0.2, double stochasticDepth = 0.2,
        int resolution = 224, double bnEpsilon = 1e-5, double bnMomentum = 0.1, Random? random = null, DType dtype = DType.Float32)
    {
        if (numClasses <= 0 || widthMultiplier <= 0 || depthMultiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"EfficientNet needs positive numClasses ({numClasses}) and multipliers ({widthMultiplier}, {depthMultiplier}).");
        random ??= Init.DefaultRandom;
        WidthMultiplier = widthMultiplier;
        DepthMultiplier = depthMultiplier;
        Resolution = resolution;
        int Width(int c) => MobileNetV2.MakeDivisible(c * widthMultiplier);
        int Depth(int n) => (int)Math.Ceiling(n * depthMultiplier);

        var features = new List<Module>
        {
            ConvNormActivation.Create(3, Width(BaseStages[0].In), 3, stride: 2, activation: new Silu(), epsilon: bnEpsilon, momentum: bnMomentum, random: random, dtype: dtype),
        };
        int totalBlocks = BaseStages.Sum(s => Depth(s.Layers)), blockId = 0;
        foreach (var (expand, kernel, stride, inC, outC, layers) in BaseStages)
        {
            var stage = new List<Module>();
            for (int i = 0; i < Depth(layers); i++, blockId++)
            {
                var block = new MBConv(i == 0 ? Width(inC) : Width(outC), Width(outC), kernel, i == 0 ? stride : 1, expand,
                    stochasticDepth * blockId / totalBlocks, bnEpsilon, bnMomentum, random, dtype);
                stage.Add(block);
            }
            features.Add(new Sequential([.. stage]));
        }
        int last = Width(BaseStages[^1].Out);
        LastChannels = 4 * last;
        features.Add(ConvNormActivation.Create(last, LastChannels, 1, activation: new Silu(), epsilon: bnEpsilon, momentum: bnMomentum, random: random, dtype: dtype));
        Features = RegisterModule("features", new Sequential([.. features]));
        _pool = RegisterModule("avgpool", new GlobalAvgPool2d());
        Classifier = RegisterModule("classifier", new Sequential(new Dropout(dropout, random.Next()), new Dense(LastChannels, numClasses, random: random, dtype: dtype)));
    }

    /// <summary>Builds EfficientNet-B<paramref name="variant"/> (0–7) with torchvision's configuration.</summary>
    /// <param name="variant">0 to 7.</param>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="random">Seeded generator for the initializers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public static EfficientNet Create(int variant, int numClasses = 1000, Random? random = null, DType dtype = DType.Float32)
    {
        var (width, depth, resolution, dropout) = Variant(variant);
        bool large = variant >= 5;
        return new EfficientNet(width, depth, numClasses, dropout, 0.2, resolution, large ? 1e-3 : 1e-5, large ? 0.01 : 0.1, random, dtype);
    }

    /// <summary>The released coefficients of B<paramref name="variant"/>: width, depth, input resolution, dropout.</summary>
    public static (double Width, double Depth, int Resolution, double Dropout) Variant(int variant) =>
        variant is >= 0 and <= 7 ? Variants[variant]
            : throw new ArgumentOutOfRangeException(nameof(variant), $"EfficientNet variants are B0 to B7 but got B{variant}.");

    /// <summary>The compound-scaling multipliers for coefficient φ: depth 1.2^φ, width 1.1^φ, resolution 1.15^φ.</summary>
    public static (double Depth, double Width, double Resolution) CompoundScaling(double phi) =>
        (Math.Pow(1.2, phi), Math.Pow(1.1, phi), Math.Pow(1.15, phi));

    /// <summary>EfficientNet-B0: 224×224, 5,288,548 parameters with 1000 classes.</summary>
    public static EfficientNet B0(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(0, numClasses, random, dtype);

    /// <summary>EfficientNet-B1: 240×240.</summary>
    public static EfficientNet B1(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(1, numClasses, random, dtype);

    /// <summary>EfficientNet-B2: 260×260.</summary>
    public static EfficientNet B2(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(2, numClasses, random, dtype);

    /// <summary>EfficientNet-B3: 300×300.</summary>
    public static EfficientNet B3(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(3, numClasses, random, dtype);

    /// <summary>EfficientNet-B4: 380×380.</summary>
    public static EfficientNet B4(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(4, numClasses, random, dtype);

    /// <summary>EfficientNet-B5: 456×456.</summary>
    public static EfficientNet B5(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(5, numClasses, random, dtype);

    /// <summary>EfficientNet-B6: 528×528.</summary>
    public static EfficientNet B6(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(6, numClasses, random, dtype);

    /// <summary>EfficientNet-B7: 600×600.</summary>
    public static EfficientNet B7(int numClasses = 1000, Random? random = null, DType dtype = DType.Float32) => Create(7, numClasses, random, dtype);

    /// <summary>Multiplier of the channels.</summary>
    public double WidthMultiplier { get; }

    /// <summary>Multiplier of the number of blocks per stage.</summary>
    public double DepthMultiplier { get; }

    /// <summary>The input size the variant was designed for.</summary>
    public int Resolution { get; }

    /// <summary>Channels of the last feature map (1280 for B0).</summary>
    public int LastChannels { get; }

    /// <summary>Stem, seven MBConv stages and the final 1×1 convolution.</summary>
    public Sequential Features { get; }

    /// <summary>Dropout then the linear layer.</summary>
    public Sequential Classifier { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != 3)
            throw new ArgumentException($"EfficientNet expects [N, 3, H, W] but got {input.Shape}.");
        return Classifier.Call(_pool.Call(Features.Call(input)));
    }
}
