using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// U-Net's contracting block (the course's <c>conv_block</c>): two 3×3 'same' convolutions with ReLU and optional
/// dropout. Its output is the skip connection an expanding block concatenates; <see cref="UNet"/> then max-pools it
/// 2×2 for the next block (the course's <c>max_pooling=True</c>), except after the bottleneck.
/// </summary>
/// <remarks><b>Shape:</b> (N, inChannels, H, W) → (N, filters, H, W). Children <c>conv1</c>, <c>conv2</c> and, with
/// dropout, <c>dropout</c>.</remarks>
public sealed class UNetConvBlock : Module
{
    private readonly Dropout? _dropout;

    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="filters">Filters of both convolutions.</param>
    /// <param name="dropout">Dropout probability after the convolutions (0 for none).</param>
    /// <param name="random">Seeded generator for the initializers and the dropout masks.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public UNetConvBlock(int inChannels, int filters, double dropout = 0, Random? random = null, DType dtype = DType.Float32)
    {
        random ??= Init.DefaultRandom;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, filters, 3, padding: "same", random: random, dtype: dtype));
        Conv2 = RegisterModule("conv2", new Conv2d(filters, filters, 3, padding: "same", random: random, dtype: dtype));
        if (dropout > 0) _dropout = RegisterModule("dropout", new Dropout(dropout, seed: random.Next()));
    }

    /// <summary>The first 3×3 convolution.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>The second 3×3 convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>The block's activation: ReLU(conv2(ReLU(conv1(x)))), then dropout.</summary>
    public override Tensor Forward(Tensor input)
    {
        var a = Conv2.Call(Conv1.Call(input).Relu()).Relu();
        return _dropout is null ? a : _dropout.Call(a);
    }

    /// <inheritdoc/>
    public override string Describe() =>
        $"UNetConvBlock({Conv1.InChannels} => {Conv1.OutChannels}" + (_dropout is not null ? ", dropout" : "") + ")";
}
