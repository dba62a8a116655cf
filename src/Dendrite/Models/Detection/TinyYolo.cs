using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// A small YOLO v2 network in the style of Tiny YOLO: stages of 3×3 convolution → batch norm → leaky ReLU (slope 0.1),
/// each but the last followed by 2×2 max pooling, then a 1×1 convolution to the detection map of A·(5 + C) channels,
/// one cell per 2^(stages − 1) pixels, decoded by <c>Dendrite.Vision.YoloHead</c>.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, inChannels, H, W) → (N, anchors·(5 + numClasses), H/2^(stages−1), W/2^(stages−1)), H and W
/// multiples of 2^(stages−1). Stage s has width·2^s filters.</para>
/// <para>Parameter names: <c>features.{k}.0.weight</c> (convolution), <c>features.{k}.1.*</c> (batch norm) for the
/// convolution stages k (pooling layers take indices too, as in a torchvision <c>features</c> Sequential), and
/// <c>head.weight</c>, <c>head.bias</c>.</para>
/// <para>J. Redmon, A. Farhadi, "YOLO9000: Better, Faster, Stronger" (2017): Tiny YOLO's Darknet layers.</para>
/// </remarks>
public sealed class TinyYolo : Module
{
    private readonly Sequential _features;
    private readonly Conv2d _head;
    private readonly Tensor _anchors;

    /// <summary>Creates the network.</summary>
    /// <param name="numClasses">C.</param>
    /// <param name="anchors">A, anchors per cell (their sizes start at 1×1 pixel; set them with <see cref="SetAnchors"/>).</param>
    /// <param name="inChannels">Image channels.</param>
    /// <param name="width">Filters of the first stage (doubling at each stage).</param>
    /// <param name="stages">Convolution stages (the grid is the image downsampled 2^(stages − 1) times).</param>
    /// <param name="random">Seeded generator for the weights.</param>
    public TinyYolo(int numClasses, int anchors, int inChannels = 3, int width = 16, int stages = 4, Random? random = null)
    {
        if (numClasses < 1 || anchors < 1 || inChannels < 1 || width < 1 || stages < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"TinyYolo needs positive classes ({numClasses}), anchors ({anchors}), channels ({inChannels}), width ({width}) and stages ({stages}).");
        NumClasses = numClasses;
        Anchors = anchors;
        InChannels = inChannels;
        Stride = 1 << (stages - 1);
        var layers = new List<Module>();
        int channels = inChannels;
        for (int s = 0; s < stages; s++)
        {
            int filters = width << s;
            layers.Add(ConvNormActivation.Create(channels, filters, 3, activation: new LeakyRelu(0.1), random: random));
            if (s < stages - 1) layers.Add(new MaxPool2d(2));
            channels = filters;
        }
        _features = RegisterModule("features", new Sequential([.. layers]));
        _head = RegisterModule("head", new Conv2d(channels, anchors * (5 + numClasses), 1, init: Init.Xavier, random: random));
        _anchors = RegisterBuffer("anchors", Tensor.Ones([anchors, 2]));
    }

    /// <summary>The anchors' (width, height) in pixels of the input: a buffer (<c>anchors</c> [A, 2]), so checkpoints carry them.</summary>
    public IReadOnlyList<(double W, double H)> AnchorSizes
    {
        get
        {
            var v = _anchors.ToArray<double>();
            return [.. Enumerable.Range(0, Anchors).Select(a => (v[2 * a], v[2 * a + 1]))];
        }
    }

    /// <summary>Sets the anchor sizes (e.g. from k-means on the training boxes).</summary>
    public void SetAnchors(IReadOnlyList<(double W, double H)> sizes)
    {
        if (sizes.Count != Anchors || sizes.Any(s => !(s.W > 0 && s.H > 0)))
            throw new ArgumentException($"TinyYolo has {Anchors} anchors and needs as many positive sizes but got [{string.Join(", ", sizes)}].", nameof(sizes));
        Tensor.FromArray(sizes.SelectMany(s => new[] { s.W, s.H }).ToArray(), [Anchors, 2]).ConvertInto(_anchors);
    }

    /// <summary>C.</summary>
    public int NumClasses { get; }

    /// <summary>A, anchors per cell.</summary>
    public int Anchors { get; }

    /// <summary>Image channels.</summary>
    public int InChannels { get; }

    /// <summary>Pixels per grid cell along each side, 2^(stages − 1).</summary>
    public int Stride { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x)
    {
        if (x.Rank != 4 || x.Shape[1] != InChannels || x.Shape[2] % Stride != 0 || x.Shape[3] % Stride != 0)
            throw new ArgumentException($"TinyYolo expects [N, {InChannels}, H, W] with H and W multiples of {Stride} but got {x.Shape}.");
        return _head.Call(_features.Call(x));
    }
}
