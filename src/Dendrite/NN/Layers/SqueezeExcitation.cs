namespace Dendrite.NN;

/// <summary>
/// Squeeze-and-excitation: reweights channels by a gate computed from the whole image,
/// s = σ(fc2(δ(fc1(mean_{h,w} x)))), y = s ⊙ x with s broadcast over H and W.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, C, H, W) → same. fc1 and fc2 are 1×1 convolutions with bias, C → squeezeChannels → C, so the
/// parameters are named <c>fc1.weight</c>, <c>fc1.bias</c>, <c>fc2.weight</c>, <c>fc2.bias</c> as in torchvision's
/// <c>SqueezeExcitation</c>; δ is ReLU by default (SiLU in EfficientNet).</para>
/// <para>J. Hu, L. Shen, G. Sun, "Squeeze-and-Excitation Networks" (CVPR 2018): global average pooling squeezes each
/// channel to one number, a bottleneck of two fully connected layers models channel dependencies, and the sigmoid
/// output excites (scales) each channel.</para>
/// </remarks>
public sealed class SqueezeExcitation : Module
{
    private readonly AdaptiveAvgPool2d _pool;
    private readonly Conv2d _fc1;
    private readonly Module _activation;
    private readonly Conv2d _fc2;
    private readonly Sigmoid _gate;

    /// <summary>Creates the block.</summary>
    /// <param name="channels">C, channels of the input and output.</param>
    /// <param name="squeezeChannels">Width of the bottleneck (C/r for reduction ratio r).</param>
    /// <param name="activation">δ between fc1 and fc2 (default <see cref="Relu"/>).</param>
    /// <param name="random">Seeded generator for the initializers (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public SqueezeExcitation(int channels, int squeezeChannels, Module? activation = null, Random? random = null, DType dtype = DType.Float32)
    {
        if (channels <= 0 || squeezeChannels <= 0)
            throw new ArgumentOutOfRangeException(nameof(channels), $"SqueezeExcitation({channels} => {squeezeChannels}) needs positive channel counts.");
        Channels = channels;
        SqueezeChannels = squeezeChannels;
        _pool = RegisterModule("avgpool", new AdaptiveAvgPool2d(1));
        _fc1 = RegisterModule("fc1", new Conv2d(channels, squeezeChannels, 1, random: random, dtype: dtype));
        _fc2 = RegisterModule("fc2", new Conv2d(squeezeChannels, channels, 1, random: random, dtype: dtype));
        _activation = RegisterModule("activation", activation ?? new Relu());
        _gate = RegisterModule("scale_activation", new Sigmoid());
    }

    /// <summary>C.</summary>
    public int Channels { get; }

    /// <summary>Width of the bottleneck.</summary>
    public int SqueezeChannels { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != Channels)
            throw new ArgumentException($"{Describe()} expects [N, {Channels}, H, W] but got {input.Shape}.");
        var scale = _gate.Call(_fc2.Call(_activation.Call(_fc1.Call(_pool.Call(input)))));
        return input * scale;
    }

    /// <inheritdoc/>
    public override string Describe() => $"SqueezeExcitation({Channels} => {SqueezeChannels})";
}
