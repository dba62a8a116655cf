using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// GoogLeNet (Inception v1): a convolutional stem, nine inception modules in three groups separated by max pooling,
/// global average pooling, dropout and a linear classifier.
/// </summary>
/// <remarks>
/// <para>C. Szegedy, W. Liu, Y. Jia, P. Sermanet, S. Reed, D. Anguelov, D. Erhan, V. Vanhoucke, A. Rabinovich, "Going
/// Deeper with Convolutions" (CVPR 2015). An inception module runs four branches on the same input and concatenates
/// them along the channels: a 1×1 convolution; a 1×1 bottleneck then a 3×3; a 1×1 bottleneck then a "5×5"; and a
/// 3×3 stride-1 max pool then a 1×1 projection. The bottlenecks keep the wide kernels affordable.</para>
/// <para>This is torchvision's <c>googlenet</c> layout without the auxiliary classifiers: every convolution is a
/// <see cref="BasicConv2d"/> (conv without bias, batch norm with ε = 0.001, ReLU, an addition after the paper), and the
/// "5×5" branch uses a 3×3 kernel, as torchvision does for compatibility with its weights (pass
/// <c>fiveByFive: true</c> for the paper's 5×5). With 1000 classes it has 6,624,904 parameters (7,005,832 with 5×5).
/// Names match torchvision: <c>conv1.conv.weight</c>, <c>inception3a.branch2.1.bn.bias</c>, <c>fc.weight</c>.</para>
/// <para>The stride-2 max pools use ceil mode, as in torchvision, so a 224×224 input gives 112, 56, 28, 14 and 7.</para>
/// <para><b>Shape:</b> (N, 3, H, W) → (N, numClasses); H and W of at least 32.</para>
/// </remarks>
public sealed class GoogLeNet : Module
{
    private readonly List<(string Name, Module Module)> _trunk = [];

    /// <summary>Builds the network.</summary>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="dropout">Drop probability before the classifier.</param>
    /// <param name="fiveByFive">Use the paper's 5×5 kernels instead of torchvision's 3×3 in the third branch.</param>
    /// <param name="random">Seeded generator for the initializers (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public GoogLeNet(int numClasses = 1000, double dropout = 0.2, bool fiveByFive = false, Random? random = null, DType dtype = DType.Float32)
    {
        if (numClasses <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), $"GoogLeNet needs a positive numClasses but got {numClasses}.");
        random ??= Init.DefaultRandom;
        int wide = fiveByFive ? 5 : 3;
        Concatenate Block(int c, int c1, int c3r, int c3, int c5r, int c5, int pool) =>
            Inception(c, c1, c3r, c3, c5r, c5, pool, wide, random, dtype);

        Add("conv1", new BasicConv2d(3, 64, 7, stride: 2, padding: 3, random, dtype));
        Add("maxpool1", new CeilMaxPool2d(3, 2));
        Add("conv2", new BasicConv2d(64, 64, 1, random: random, dtype: dtype));
        Add("conv3", new BasicConv2d(64, 192, 3, padding: 1, random: random, dtype: dtype));
        Add("maxpool2", new CeilMaxPool2d(3, 2));
        Add("inception3a", Block(192, 64, 96, 128, 16, 32, 32));
        Add("inception3b", Block(256, 128, 128, 192, 32, 96, 64));
        Add("maxpool3", new CeilMaxPool2d(3, 2));
        Add("inception4a", Block(480, 192, 96, 208, 16, 48, 64));
        Add("inception4b", Block(512, 160, 112, 224, 24, 64, 64));
        Add("inception4c", Block(512, 128, 128, 256, 24, 64, 64));
        Add("inception4d", Block(512, 112, 144, 288, 32, 64, 64));
        Add("inception4e", Block(528, 256, 160, 320, 32, 128, 128));
        Add("maxpool4", new CeilMaxPool2d(2, 2));
        Add("inception5a", Block(832, 256, 160, 320, 32, 128, 128));
        Add("inception5b", Block(832, 384, 192, 384, 48, 128, 128));
        Add("avgpool", new GlobalAvgPool2d());
        Add("dropout", new Dropout(dropout, random.Next()));
        Fc = RegisterModule("fc", new Dense(1024, numClasses, random: random, dtype: dtype));
        _trunk.Add(("fc", Fc));
    }

    private void Add(string name, Module module) => _trunk.Add((name, RegisterModule(name, module)));

    /// <summary>The linear classifier, 1024 → numClasses.</summary>
    public Dense Fc { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != 3)
            throw new ArgumentException($"GoogLeNet expects [N, 3, H, W] but got {input.Shape}.");
        var x = input;
        foreach (var (_, module) in _trunk) x = module.Call(x);
        return x;
    }

    /// <summary>
    /// One inception module as a <see cref="Concatenate"/> of torchvision's four branches: <c>branch1</c> 1×1;
    /// <c>branch2</c> 1×1 → 3×3; <c>branch3</c> 1×1 → wide×wide; <c>branch4</c> 3×3 max pool (stride 1) → 1×1.
    /// Output channels: ch1x1 + ch3x3 + ch5x5 + poolProj.
    /// </summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="ch1x1">Filters of the 1×1 branch.</param>
    /// <param name="ch3x3Reduce">Bottleneck before the 3×3.</param>
    /// <param name="ch3x3">Filters of the 3×3.</param>
    /// <param name="ch5x5Reduce">Bottleneck before the wide kernel.</param>
    /// <param name="ch5x5">Filters of the wide kernel.</param>
    /// <param name="poolProj">Filters of the projection after the pool.</param>
    /// <param name="wideKernel">Kernel of the third branch: 3 (torchvision) or 5 (the paper).</param>
    /// <param name="random">Seeded generator for the initializers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public static Concatenate Inception(int inChannels, int ch1x1, int ch3x3Reduce, int ch3x3, int ch5x5Reduce, int ch5x5, int poolProj,
        int wideKernel = 3, Random? random = null, DType dtype = DType.Float32) =>
        new([
            ("branch1", new BasicConv2d(inChannels, ch1x1, 1, random: random, dtype: dtype)),
            ("branch2", new Sequential(new BasicConv2d(inChannels, ch3x3Reduce, 1, random: random, dtype: dtype),
                                       new BasicConv2d(ch3x3Reduce, ch3x3, 3, padding: 1, random: random, dtype: dtype))),
            ("branch3", new Sequential(new BasicConv2d(inChannels, ch5x5Reduce, 1, random: random, dtype: dtype),
                                       new BasicConv2d(ch5x5Reduce, ch5x5, wideKernel, padding: wideKernel / 2, random: random, dtype: dtype))),
            ("branch4", new Sequential(new MaxPool2d(3, 1, 1), new BasicConv2d(inChannels, poolProj, 1, random: random, dtype: dtype))),
        ]);
}
