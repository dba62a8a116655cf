using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// 2-D convolution: y[n, o] = b[o] + Σ_c w[o, c] ⋆ x[n, c], each filter sliding over the (padded) image with the
/// given stride and dilation; the course's CONV layer with f = kernelSize, s = stride, p = padding.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, H', W') with H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1
/// (⌊(n + 2p − f)/s⌋ + 1 when d = 1). <c>weight</c> is [outChannels, inChannels/groups, k, k] and <c>bias</c>
/// [outChannels], as in PyTorch.</para>
/// <para>With groups = g the channels split into g independent convolutions; groups = inChannels is depthwise.
/// Weights default to He (Kaiming) normal initialization, N(0, 2/fan_in) with fan_in = inChannels/groups·k², which
/// keeps activations at a steady scale through ReLU networks (K. He et al., "Delving Deep into Rectifiers", 2015);
/// biases start at zero. PyTorch's own default is a uniform variant with a smaller scale.</para>
/// </remarks>
public sealed class Conv2d : Module
{
    private readonly (int Top, int Left, int Bottom, int Right) _pad;

    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">C, channels of the input.</param>
    /// <param name="outChannels">O, number of filters.</param>
    /// <param name="kernelSize">k (f in the course): filters are k×k.</param>
    /// <param name="stride">s, the step between windows.</param>
    /// <param name="padding">Zeros per side, <c>"valid"</c> or <c>"same"</c> (stride 1 only; odd totals put the extra at bottom/right).</param>
    /// <param name="dilation">d, the spacing between kernel taps.</param>
    /// <param name="groups">g; both channel counts must be multiples of it.</param>
    /// <param name="bias">Whether to learn a bias (drop it when batch norm follows).</param>
    /// <param name="init">Weight initializer (default <see cref="Init.He"/>).</param>
    /// <param name="random">Seeded generator for the initializer (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, ConvPadding padding = default, int dilation = 1,
        int groups = 1, bool bias = true, Initializer? init = null, Random? random = null, DType dtype = DType.Float32)
    {
        string name = $"Conv2d({inChannels} => {outChannels}, kernel {kernelSize})";
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || dilation <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"{name} needs positive channels, kernel size, stride ({stride}) and dilation ({dilation}).");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{name}: groups = {groups} must divide both channel counts.", nameof(groups));
        if (padding.IsSame && stride != 1)
            throw new ArgumentException($"{name}: padding \"same\" needs stride 1 but stride is {stride}.", nameof(padding));
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        _pad = padding.Resolve(kernelSize, dilation);
        var w = Tensor.Zeros([outChannels, inChannels / groups, kernelSize, kernelSize], dtype);
        (init ?? Init.He)(w, random ?? Init.DefaultRandom);
        Weight = RegisterParameter("weight", w);
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels], dtype));
    }

    /// <summary>C, channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>O, number of filters.</summary>
    public int OutChannels { get; }

    /// <summary>k: filters are k×k.</summary>
    public int KernelSize { get; }

    /// <summary>s.</summary>
    public int Stride { get; }

    /// <summary>The padding as given (a number, "valid" or "same").</summary>
    public ConvPadding Padding { get; }

    /// <summary>d.</summary>
    public int Dilation { get; }

    /// <summary>g.</summary>
    public int Groups { get; }

    /// <summary>Filters, shape [outChannels, inChannels/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>b, shape [outChannels], or null when the layer has no bias.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, Weight, Bias);

    /// <summary>The convolution with this layer's geometry but other filters and bias (folded batch norm: <see cref="InferenceFusion"/>);
    /// with <paramref name="rectify"/> (outside any graph), ReLU fused on the output.</summary>
    internal Tensor Forward(Tensor input, Tensor weight, Tensor? bias, bool rectify = false)
    {
        if (input.Rank != 4 || input.Shape[1] != InChannels)
            throw new ArgumentException($"{Name()} expects [N, {InChannels}, H, W] but got {input.Shape}.");
        int span = Dilation * (KernelSize - 1) + 1;
        if (input.Shape[2] + _pad.Top + _pad.Bottom < span || input.Shape[3] + _pad.Left + _pad.Right < span)
            throw new ArgumentException($"{Name()} needs a padded input of at least {span}×{span} but got {input.Shape}.");
        if (rectify) return ConvOps.Conv2d(input, weight, bias, (Stride, Stride), _pad, (Dilation, Dilation), Groups, rectify: true);
        return Functional.Conv2d(input, weight, bias, Stride, Padding, Dilation, Groups);
    }

    /// <summary>The short name error messages use; built only when one is thrown.</summary>
    private string Name() => $"Conv2d({InChannels} => {OutChannels}, kernel {KernelSize})";

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv2d({InChannels} => {OutChannels}, kernel {KernelSize}, stride {Stride}, padding {Padding}"
        + (Dilation != 1 ? $", dilation {Dilation}" : "") + (Groups != 1 ? $", groups {Groups}" : "")
        + (Bias is null ? ", bias: false" : "") + ")";
}
