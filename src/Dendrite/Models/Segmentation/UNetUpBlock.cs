using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// U-Net's expanding block (the course's <c>upsampling_block</c>): a 3×3 transposed convolution with stride 2 doubles the
/// size, its output is concatenated with the contracting path's skip connection along the channels, and two 3×3 'same'
/// convolutions with ReLU follow.
/// </summary>
/// <remarks><b>Shape:</b> expansive (N, inChannels, H, W) and skip (N, skipChannels, 2H, 2W) → (N, filters, 2H, 2W).
/// Children <c>up</c> (<see cref="ConvTranspose2d"/>, padding 1 and output padding 1: Keras's
/// <c>Conv2DTranspose(filters, 3, strides=2, padding="same")</c>), <c>conv1</c>, <c>conv2</c>.</remarks>
public sealed class UNetUpBlock : Module
{
    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Channels of the expansive input (from the block below).</param>
    /// <param name="skipChannels">Channels of the skip connection.</param>
    /// <param name="filters">Filters of the transposed convolution and of both convolutions.</param>
    /// <param name="random">Seeded generator for the initializers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public UNetUpBlock(int inChannels, int skipChannels, int filters, Random? random = null, DType dtype = DType.Float32)
    {
        random ??= Init.DefaultRandom;
        Up = RegisterModule("up", new ConvTranspose2d(inChannels, filters, 3, stride: 2, padding: 1, outputPadding: 1, random: random, dtype: dtype));
        Conv1 = RegisterModule("conv1", new Conv2d(filters + skipChannels, filters, 3, padding: "same", random: random, dtype: dtype));
        Conv2 = RegisterModule("conv2", new Conv2d(filters, filters, 3, padding: "same", random: random, dtype: dtype));
        SkipChannels = skipChannels;
    }

    /// <summary>The up-sampling transposed convolution.</summary>
    public ConvTranspose2d Up { get; }

    /// <summary>The first 3×3 convolution, over the concatenation.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>The second 3×3 convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>Channels of the skip connection.</summary>
    public int SkipChannels { get; }

    /// <summary>Not used: the block needs the skip connection too (<see cref="Decode"/>).</summary>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"{Describe()} joins two paths: call Decode(expansive, skip).");

    /// <summary>Up-samples <paramref name="expansive"/>, joins <paramref name="skip"/> and convolves; forward hooks see (expansive, output).</summary>
    public Tensor Decode(Tensor expansive, Tensor skip)
    {
        var up = Up.Call(expansive);
        if (skip.Rank != 4 || skip.Shape[0] != up.Shape[0] || skip.Shape[1] != SkipChannels || skip.Shape[2] != up.Shape[2] || skip.Shape[3] != up.Shape[3])
            throw new ArgumentException($"{Describe()} up-samples {expansive.Shape} to {up.Shape} and needs a skip [{up.Shape[0]}, {SkipChannels}, {up.Shape[2]}, {up.Shape[3]}] but got {skip.Shape}.");
        var merged = Tensor.Concat([up, skip], axis: 1);
        var output = Conv2.Call(Conv1.Call(merged).Relu()).Relu();
        RunForwardHooks(expansive, output);
        return output;
    }

    /// <inheritdoc/>
    public override string Describe() => $"UNetUpBlock({Up.InChannels} + {SkipChannels} => {Up.OutChannels})";
}
