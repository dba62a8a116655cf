using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// The mobile inverted bottleneck of EfficientNet: 1×1 expansion (SiLU, absent when t = 1) → k×k depthwise (SiLU) →
/// squeeze-and-excitation → linear 1×1 projection, plus the input (after stochastic depth) when the stride is 1 and the
/// widths match.
/// </summary>
/// <remarks><b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, ⌈H/s⌉, ⌈W/s⌉). Layers sit in the child <c>block</c>
/// as in torchvision's <c>MBConv</c>.</remarks>
public sealed class MBConv : Module
{
    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="kernelSize">k of the depthwise convolution (3 or 5).</param>
    /// <param name="stride">Stride of the depthwise convolution.</param>
    /// <param name="expandRatio">t: hidden width MakeDivisible(t·inChannels).</param>
    /// <param name="stochasticDepth">Probability of dropping the residual branch in training.</param>
    /// <param name="bnEpsilon">Batch norm ε.</param>
    /// <param name="bnMomentum">Batch norm momentum.</param>
    /// <param name="random">Seeded generator for the initializers and the stochastic-depth seed.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public MBConv(int inChannels, int outChannels, int kernelSize, int stride, double expandRatio, double stochasticDepth = 0,
        double bnEpsilon = 1e-5, double bnMomentum = 0.1, Random? random = null, DType dtype = DType.Float32)
    {
        random ??= Init.DefaultRandom;
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        UsesResidual = stride == 1 && inChannels == outChannels;
        int hidden = MobileNetV2.MakeDivisible(inChannels * expandRatio);
        var layers = new List<Module>();
        if (hidden != inChannels)
            layers.Add(ConvNormActivation.Create(inChannels, hidden, 1, activation: new Silu(), epsilon: bnEpsilon, momentum: bnMomentum, random: random, dtype: dtype));
        layers.Add(ConvNormActivation.Create(hidden, hidden, kernelSize, stride, groups: hidden, activation: new Silu(), epsilon: bnEpsilon, momentum: bnMomentum, random: random, dtype: dtype));
        layers.Add(new SqueezeExcitation(hidden, Math.Max(1, inChannels / 4), new Silu(), random, dtype));
        layers.Add(ConvNormActivation.Create(hidden, outChannels, 1, epsilon: bnEpsilon, momentum: bnMomentum, random: random, dtype: dtype));
        Block = RegisterModule("block", new Sequential([.. layers]));
        StochasticDepth = RegisterModule("stochastic_depth", new StochasticDepth(stochasticDepth, random.Next()));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the depthwise convolution.</summary>
    public int Stride { get; }

    /// <summary>Whether the input is added to the output.</summary>
    public bool UsesResidual { get; }

    /// <summary>Expansion, depthwise, squeeze-excitation and projection.</summary>
    public Sequential Block { get; }

    /// <summary>Randomly drops the residual branch per example in training.</summary>
    public StochasticDepth StochasticDepth { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var y = Block.Call(input);
        return UsesResidual ? StochasticDepth.Call(y) + input : y;
    }

    /// <inheritdoc/>
    public override string Describe() => $"MBConv({InChannels} => {OutChannels}, stride {Stride})";
}
