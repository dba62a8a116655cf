using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// U-Net for semantic segmentation (O. Ronneberger, P. Fischer, T. Brox, "U-Net: Convolutional Networks for Biomedical
/// Image Segmentation", 2015), as built in the course's assignment: a contracting path of <see cref="UNetConvBlock"/>s,
/// each followed by 2×2 max pooling, that halve the size and double the filters, a bottleneck block, an expanding path of <see cref="UNetUpBlock"/>s that
/// double the size and concatenate the skip connection of the same level, a 3×3 convolution with ReLU and a 1×1
/// convolution giving a score per class at every pixel.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, nClasses, H, W); H and W must be multiples of 2^depth.</para>
/// <para>Level i (1 … depth) has f·2^(i−1) filters, the bottleneck f·2^depth. Children: <c>down1</c> … <c>down{depth}</c>,
/// <c>bottleneck</c>, <c>up{depth}</c> … <c>up1</c> (<c>up{i}</c> joins <c>down{i}</c>'s skip), <c>conv</c> (3×3) and
/// <c>head</c> (1×1), so weights are named <c>down1.conv1.weight</c>, <c>up1.up.weight</c>, <c>head.bias</c>. Dropout
/// (0.3 in the course) acts in the deepest contracting block and the bottleneck. The course's defaults are f = 32 and
/// depth 4 on 96×128 images with 23 classes. Train it with <see cref="Loss.CrossEntropy(Tensor, Tensor)"/> on the
/// [N, nClasses, H, W] scores and [N, H, W] labels; the predicted mask is the arg-max over the class axis.</para>
/// </remarks>
public sealed class UNet : Module
{
    private readonly UNetConvBlock[] _down;
    private readonly UNetUpBlock[] _up;

    /// <summary>Builds the network.</summary>
    /// <param name="inChannels">Channels of the images (3 for RGB).</param>
    /// <param name="nClasses">Classes per pixel (background included).</param>
    /// <param name="filters">f, filters of the first level.</param>
    /// <param name="depth">Contracting blocks that pool (4 in the course).</param>
    /// <param name="dropout">Dropout in the deepest contracting block and the bottleneck (0 for none).</param>
    /// <param name="random">Seeded generator for the initializers and dropout masks.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public UNet(int inChannels = 3, int nClasses = 23, int filters = 32, int depth = 4, double dropout = 0.3, Random? random = null, DType dtype = DType.Float32)
    {
        if (inChannels < 1 || nClasses < 1 || filters < 1 || depth < 1)
            throw new ArgumentOutOfRangeException(nameof(depth), $"UNet needs positive inChannels ({inChannels}), nClasses ({nClasses}), filters ({filters}) and depth ({depth}).");
        random ??= Init.DefaultRandom;
        InChannels = inChannels;
        NClasses = nClasses;
        Filters = filters;
        Depth = depth;
        _down = new UNetConvBlock[depth];
        for (int i = 0, channels = inChannels; i < depth; channels = Width(i), i++)
            _down[i] = RegisterModule($"down{i + 1}", new UNetConvBlock(channels, Width(i), i == depth - 1 ? dropout : 0, random: random, dtype: dtype));
        Bottleneck = RegisterModule("bottleneck", new UNetConvBlock(Width(depth - 1), Width(depth), dropout, random, dtype));
        _up = new UNetUpBlock[depth];
        for (int i = depth - 1; i >= 0; i--)
            _up[i] = RegisterModule($"up{i + 1}", new UNetUpBlock(Width(i + 1), Width(i), Width(i), random, dtype));
        Conv = RegisterModule("conv", new Conv2d(filters, filters, 3, padding: "same", random: random, dtype: dtype));
        Head = RegisterModule("head", new Conv2d(filters, nClasses, 1, random: random, dtype: dtype));
    }

    /// <summary>Channels of the images.</summary>
    public int InChannels { get; }

    /// <summary>Classes per pixel.</summary>
    public int NClasses { get; }

    /// <summary>f, filters of the first level.</summary>
    public int Filters { get; }

    /// <summary>Contracting blocks that pool.</summary>
    public int Depth { get; }

    /// <summary>The contracting blocks, level 1 first.</summary>
    public IReadOnlyList<UNetConvBlock> Down => _down;

    /// <summary>The block at the bottom of the U.</summary>
    public UNetConvBlock Bottleneck { get; }

    /// <summary>The expanding blocks by level (Up[0] returns to the full size).</summary>
    public IReadOnlyList<UNetUpBlock> Up => _up;

    /// <summary>The 3×3 convolution after the last expanding block.</summary>
    public Conv2d Conv { get; }

    /// <summary>The 1×1 convolution to class scores.</summary>
    public Conv2d Head { get; }

    /// <summary>Class scores (logits) at every pixel, [N, nClasses, H, W].</summary>
    public override Tensor Forward(Tensor input)
    {
        int multiple = 1 << Depth;
        if (input.Rank != 4 || input.Shape[1] != InChannels || input.Shape[2] % multiple != 0 || input.Shape[3] % multiple != 0 || input.Shape[2] == 0)
            throw new ArgumentException($"{Describe()} expects [N, {InChannels}, H, W] with H and W multiples of {multiple} but got {input.Shape}.");
        var skips = new Tensor[Depth];
        var x = input;
        for (int i = 0; i < Depth; i++) x = Functional.MaxPool2d(skips[i] = _down[i].Call(x), 2);
        x = Bottleneck.Call(x);
        for (int i = Depth - 1; i >= 0; i--) x = _up[i].Decode(x, skips[i]);
        return Head.Call(Conv.Call(x).Relu());
    }

    /// <summary>The predicted class of every pixel, [N, H, W] Int32: the arg-max of the scores, without a graph.</summary>
    public Tensor PredictMask(Tensor input)
    {
        using (Autograd.GradMode.NoGrad()) return Forward(input).ArgMax(1);
    }

    /// <summary>Filters at level i (0-based): f·2^i.</summary>
    private int Width(int level) => Filters << level;

    /// <inheritdoc/>
    public override string Describe() => $"UNet({InChannels} => {NClasses} classes, filters {Filters}, depth {Depth})";
}
