using Dendrite.NN;

namespace Dendrite.Vision;

/// <summary>
/// A small convolutional encoder for metric learning: conv w@3×3 → ReLU → max-pool 2 → conv 2w@3×3 → ReLU → max-pool 2
/// → Dense to D → L2 normalization, so every encoding f(x) lies on the unit sphere, as FaceNet's embedding (which
/// ends its Inception network the same way) and the course's 128-d face encodings.
/// </summary>
/// <remarks>
/// <para>F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: A Unified Embedding for Face Recognition and Clustering"
/// (CVPR 2015). Trained with <see cref="OnlineTripletLoss"/>; encodings feed <see cref="IdentityDatabase"/>.</para>
/// <para><b>Shape:</b> (N, inChannels, S, S) → (N, D), with S a multiple of 4; both convolutions pad by 1.</para>
/// <para>Parameter names: <c>conv1</c>, <c>conv2</c>, <c>fc</c>.</para>
/// </remarks>
public sealed class EmbeddingNet : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly Dense _fc;
    private readonly Module _relu1, _pool1, _relu2, _pool2, _flatten, _normalize;

    /// <summary>Creates the encoder.</summary>
    /// <param name="embeddingSize">D, the length of each encoding.</param>
    /// <param name="inChannels">Channels of the input images (1 for grayscale).</param>
    /// <param name="inputSize">Image side S (28 for MNIST); a multiple of 4.</param>
    /// <param name="width">w, the channels of the first convolution (the second has 2w).</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public EmbeddingNet(int embeddingSize = 64, int inChannels = 1, int inputSize = 28, int width = 16, Random? random = null)
    {
        if (inputSize < 4 || inputSize % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"EmbeddingNet needs an image side that is a positive multiple of 4 but got {inputSize}.");
        if (embeddingSize < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(embeddingSize), $"EmbeddingNet needs embeddingSize ≥ 1 and width ≥ 1 but got {embeddingSize} and {width}.");
        EmbeddingSize = embeddingSize;
        InChannels = inChannels;
        InputSize = inputSize;
        int side = inputSize / 4;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, width, 3, padding: 1, random: random));
        _relu1 = RegisterModule("relu1", new Relu());
        _pool1 = RegisterModule("pool1", new MaxPool2d(2));
        _conv2 = RegisterModule("conv2", new Conv2d(width, 2 * width, 3, padding: 1, random: random));
        _relu2 = RegisterModule("relu2", new Relu());
        _pool2 = RegisterModule("pool2", new MaxPool2d(2));
        _flatten = RegisterModule("flatten", new Flatten());
        _fc = RegisterModule("fc", new Dense(2 * width * side * side, embeddingSize, random: random));
        _normalize = RegisterModule("normalize", new L2Normalize());
    }

    /// <summary>D, the length of each encoding.</summary>
    public int EmbeddingSize { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <summary>Image side S.</summary>
    public int InputSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != InChannels || input.Shape[2] != InputSize || input.Shape[3] != InputSize)
            throw new ArgumentException($"{Describe()} expects [N, {InChannels}, {InputSize}, {InputSize}] but got {input.Shape}.");
        var x = _pool1.Call(_relu1.Call(_conv1.Call(input)));
        x = _pool2.Call(_relu2.Call(_conv2.Call(x)));
        return _normalize.Call(_fc.Call(_flatten.Call(x)));
    }

    /// <summary>conv → ReLU fused under inference.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() => [[_conv1, _relu1], [_conv2, _relu2]];

    /// <inheritdoc/>
    public override string Describe() => $"EmbeddingNet({InChannels}×{InputSize}×{InputSize} => {EmbeddingSize})";
}
