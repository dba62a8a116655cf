using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// LeNet-5 in its common modern form: conv 6@5×5 → ReLU → max-pool 2 → conv 16@5×5 → ReLU → max-pool 2 →
/// Dense 400 → 120 → 84 → classes, with ReLU between the dense layers.
/// </summary>
/// <remarks>
/// <para>Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-Based Learning Applied to Document Recognition" (1998).
/// The paper's tanh-like squashing, trainable subsampling and sparse C3 connections are replaced by ReLU, max pooling
/// and full connections, as in most course notebooks; the parameter count, 61,706 for 10 classes, is the usual one.</para>
/// <para><b>Shape:</b> (N, inChannels, 28, 28) or (N, inChannels, 32, 32) → (N, numClasses). For 28×28 input the first
/// convolution pads by 2, so both sizes reach the 16×5×5 = 400 features the dense layers expect.</para>
/// <para>Parameter names follow the usual PyTorch LeNet: <c>conv1</c>, <c>conv2</c>, <c>fc1</c>, <c>fc2</c>, <c>fc3</c>.</para>
/// </remarks>
public sealed class LeNet5 : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly Dense _fc1, _fc2, _fc3;
    private readonly Module _relu1, _pool1, _relu2, _pool2, _flatten, _relu3, _relu4;

    /// <summary>Creates the network.</summary>
    /// <param name="numClasses">Outputs of the last layer (10 for MNIST and Fashion-MNIST).</param>
    /// <param name="inChannels">Channels of the input images (1 for grayscale).</param>
    /// <param name="inputSize">Image side: 28 (MNIST, first convolution padded by 2) or 32 (the paper's input).</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    public LeNet5(int numClasses = 10, int inChannels = 1, int inputSize = 28, Random? random = null)
    {
        if (inputSize is not (28 or 32))
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"LeNet5 takes 28×28 or 32×32 images but inputSize is {inputSize}.");
        NumClasses = numClasses;
        InChannels = inChannels;
        InputSize = inputSize;
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, 6, 5, padding: inputSize == 28 ? 2 : 0, random: random));
        _relu1 = RegisterModule("relu1", new Relu());
        _pool1 = RegisterModule("pool1", new MaxPool2d(2));
        _conv2 = RegisterModule("conv2", new Conv2d(6, 16, 5, random: random));
        _relu2 = RegisterModule("relu2", new Relu());
        _pool2 = RegisterModule("pool2", new MaxPool2d(2));
        _flatten = RegisterModule("flatten", new Flatten());
        _fc1 = RegisterModule("fc1", new Dense(16 * 5 * 5, 120, init: Init.He, random: random));
        _relu3 = RegisterModule("relu3", new Relu());
        _fc2 = RegisterModule("fc2", new Dense(120, 84, init: Init.He, random: random));
        _relu4 = RegisterModule("relu4", new Relu());
        _fc3 = RegisterModule("fc3", new Dense(84, numClasses, random: random));
    }

    /// <summary>Number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>Channels of the input images.</summary>
    public int InChannels { get; }

    /// <summary>Image side, 28 or 32.</summary>
    public int InputSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != InChannels || input.Shape[2] != InputSize || input.Shape[3] != InputSize)
            throw new ArgumentException($"{Describe()} expects [N, {InChannels}, {InputSize}, {InputSize}] but got {input.Shape}.");
        var x = _pool1.Call(_relu1.Call(_conv1.Call(input)));
        x = _pool2.Call(_relu2.Call(_conv2.Call(x)));
        x = _flatten.Call(x);
        x = _relu3.Call(_fc1.Call(x));
        x = _relu4.Call(_fc2.Call(x));
        return _fc3.Call(x);
    }

    /// <summary>conv → ReLU fused under inference, and fc1 → fc3 as one GEMM chain.</summary>
    protected internal override IEnumerable<Module[]> FusionGroups() =>
        [[_conv1, _relu1], [_conv2, _relu2], [_fc1, _relu3, _fc2, _relu4, _fc3]];

    /// <inheritdoc/>
    public override string Describe() => $"LeNet5({InChannels}×{InputSize}×{InputSize} => {NumClasses})";
}
