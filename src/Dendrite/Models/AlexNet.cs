using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// AlexNet in torchvision's single-tower layout: five convolutions (64, 192, 384, 256, 256 filters) with three
/// overlapping 3×3/2 max pools, adaptive average pooling to 6×6, and a classifier of two 4096-unit dense layers with
/// dropout.
/// </summary>
/// <remarks>
/// <para>A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with Deep Convolutional Neural Networks"
/// (2012), as reshaped by "One weird trick for parallelizing convolutional neural networks" (Krizhevsky, 2014), which
/// torchvision follows: no local response normalization, no two-GPU split.</para>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, numClasses) for H, W ≥ 63 (224 in the paper); the adaptive pool
/// makes the classifier independent of the input size. Names match torchvision's <c>alexnet</c>
/// (<c>features.0.weight</c> … <c>features.10.weight</c>, <c>classifier.1.weight</c>, <c>classifier.4.weight</c>,
/// <c>classifier.6.weight</c>); 61,100,840 parameters with 1000 classes.</para>
/// </remarks>
public sealed class AlexNet : Module
{
    private readonly Sequential _features, _classifier;
    private readonly AdaptiveAvgPool2d _avgpool;
    private readonly Flatten _flatten;

    /// <summary>Creates the network.</summary>
    /// <param name="numClasses">Outputs of the classifier.</param>
    /// <param name="inChannels">Channels of the input images.</param>
    /// <param name="dropout">Drop probability of the two dropout layers.</param>
    /// <param name="random">Seeded generator for the weights and dropout masks (default: <see cref="Init.DefaultRandom"/>).</param>
    public AlexNet(int numClasses = 1000, int inChannels = 3, double dropout = 0.5, Random? random = null)
    {
        NumClasses = numClasses;
        InChannels = inChannels;
        _features = RegisterModule("features", new Sequential(
            new Conv2d(inChannels, 64, 11, stride: 4, padding: 2, random: random), new Relu(), new MaxPool2d(3, 2),
            new Conv2d(64, 192, 5, padding: 2, random: random), new Relu(), new MaxPool2d(3, 2),
            new Conv2d(192, 384, 3, padding: 1, random: random), new Relu(),
            new Conv2d(384, 256, 3, padding: 1, random: random), new Relu(),
            new Conv2d(256, 256, 3, padding: 1, random: random), new Relu(), new MaxPool2d(3, 2)));
        _avgpool = RegisterModule("avgpool", new AdaptiveAvgPool2d(6));
        _flatten = RegisterModule("flatten", new Flatten());
        _classifier = RegisterModule("classifier", new Sequential(
            new Dropout(dropout, random?.Next()), new Dense(256 * 6 * 6, 4096, init: Init.He, random: random), new Relu(),
            new Dropout(dropout, random?.Next()), new Dense(4096, 4096, init: Init.He, random: random), new Relu(),
            new Dense(4096, numClasses, random: random)));
    }

    /// <summary>Outputs of the classifier.</summary>
    public int NumClasses { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <summary>The convolutional part, [N, inChannels, H, W] → [N, 256, h, w].</summary>
    public Sequential Features => _features;

    /// <summary>The dense head, [N, 9216] → [N, numClasses].</summary>
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
    public override string Describe() => $"AlexNet({InChannels} => {NumClasses})";
}
