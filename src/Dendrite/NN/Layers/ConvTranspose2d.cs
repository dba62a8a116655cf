namespace Dendrite.NN;

/// <summary>
/// 2-D transposed convolution ("deconvolution", the course's up-sampling layer of U-Net): each input pixel scatters a
/// copy of its filter, scaled by its value, into the output, s pixels apart: y[n, o, h·s − p + d·i, w·s − p + d·j] +=
/// Σ_c x[n, c, h, w]·w[c, o, i, j], plus b[o]. It is the gradient of <see cref="Conv2d"/> with respect to its input.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, outChannels, H', W') with
/// H' = (H − 1)·s − 2p + d(k − 1) + outputPadding + 1. <c>weight</c> is [inChannels, outChannels/groups, k, k] and
/// <c>bias</c> [outChannels], as in PyTorch's <c>nn.ConvTranspose2d</c>. With k = 3, s = 2, p = 1 and
/// outputPadding = 1 the output is exactly twice the input (Keras's <c>Conv2DTranspose(…, strides=2, padding="same")</c>).</para>
/// <para>outputPadding (smaller than the stride or the dilation) picks among the output sizes that a stride-s
/// convolution maps back to H; it adds rows at the bottom and columns at the right. Weights default to He normal
/// initialization over fan_in = outChannels/groups·k² (the fan PyTorch uses for this layout); biases start at zero.</para>
/// </remarks>
public sealed class ConvTranspose2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">C, channels of the input.</param>
    /// <param name="outChannels">O, channels of the output.</param>
    /// <param name="kernelSize">k: filters are k×k.</param>
    /// <param name="stride">s, the step between the places two neighbouring input pixels write to.</param>
    /// <param name="padding">p, rows and columns cropped from each side of the full output.</param>
    /// <param name="outputPadding">Extra rows and columns at the bottom and right (smaller than s or d).</param>
    /// <param name="groups">g; both channel counts must be multiples of it.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dilation">d, the spacing between kernel taps.</param>
    /// <param name="init">Weight initializer (default <see cref="Init.He"/>).</param>
    /// <param name="random">Seeded generator for the initializer (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0,
        int groups = 1, bool bias = true, int dilation = 1, Initializer? init = null, Random? random = null, DType dtype = DType.Float32)
    {
        string name = $"ConvTranspose2d({inChannels} => {outChannels}, kernel {kernelSize})";
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || dilation <= 0 || padding < 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels),
                $"{name} needs positive channels, kernel size, stride ({stride}) and dilation ({dilation}), and padding ≥ 0 ({padding}).");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{name}: groups = {groups} must divide both channel counts.", nameof(groups));
        if (outputPadding < 0 || outputPadding >= Math.Max(stride, dilation))
            throw new ArgumentException($"{name}: outputPadding = {outputPadding} must be smaller than the stride ({stride}) or the dilation ({dilation}).", nameof(outputPadding));
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        OutputPadding = outputPadding;
        Dilation = dilation;
        Groups = groups;
        var w = Tensor.Zeros([inChannels, outChannels / groups, kernelSize, kernelSize], dtype);
        (init ?? Init.He)(w, random ?? Init.DefaultRandom);
        Weight = RegisterParameter("weight", w);
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels], dtype));
    }

    /// <summary>C, channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>O, channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>k: filters are k×k.</summary>
    public int KernelSize { get; }

    /// <summary>s.</summary>
    public int Stride { get; }

    /// <summary>p, cropped from each side.</summary>
    public int Padding { get; }

    /// <summary>Extra rows and columns at the bottom and right.</summary>
    public int OutputPadding { get; }

    /// <summary>d.</summary>
    public int Dilation { get; }

    /// <summary>g.</summary>
    public int Groups { get; }

    /// <summary>Filters, shape [inChannels, outChannels/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>b, shape [outChannels], or null when the layer has no bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>The output side for an input side n: (n − 1)·s − 2p + d(k − 1) + outputPadding + 1.</summary>
    public int OutputSize(int n) => (n - 1) * Stride - 2 * Padding + Dilation * (KernelSize - 1) + OutputPadding + 1;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != InChannels)
            throw new ArgumentException($"{Name()} expects [N, {InChannels}, H, W] but got {input.Shape}.");
        if (OutputSize(input.Shape[2]) < 1 || OutputSize(input.Shape[3]) < 1)
            throw new ArgumentException($"{Name()} would give an empty output for {input.Shape}: padding {Padding} crops more than there is.");
        return Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
    }

    /// <summary>The short name error messages use; built only when one is thrown.</summary>
    private string Name() => $"ConvTranspose2d({InChannels} => {OutChannels}, kernel {KernelSize})";

    /// <inheritdoc/>
    public override string Describe() =>
        $"ConvTranspose2d({InChannels} => {OutChannels}, kernel {KernelSize}, stride {Stride}, padding {Padding}"
        + (OutputPadding != 0 ? $", output padding {OutputPadding}" : "") + (Dilation != 1 ? $", dilation {Dilation}" : "")
        + (Groups != 1 ? $", groups {Groups}" : "") + (Bias is null ? ", bias: false" : "") + ")";
}
