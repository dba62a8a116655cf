using System.Text.Json.Nodes;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>conv2d</c>: a 2-D convolution over images [N, C, H, W] with every option of <see cref="Conv2d"/>.</summary>
internal sealed class Conv2dLayer : LayerKind
{
    public override string Name => "conv2d";

    public override string Builds => "Conv2d(C_in, filters, kernel_size, stride, padding, dilation, groups, bias)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("filters", "output channels", minimum: 1).AsRequired(),
        SpecField.Int("kernel_size", "side of the square kernel", minimum: 1).AsRequired(),
        SpecField.Int("stride", "step of the window", 1, minimum: 1),
        Padding,
        SpecField.Int("dilation", "spacing of the kernel taps", 1, minimum: 1),
        SpecField.Int("groups", "channel groups (groups = C_in = filters: depthwise)", 1, minimum: 1),
        SpecField.Bool("bias", "whether to learn a bias (drop it before batch norm)", true),
        SpecField.Choice("init", "the weight initializer", DenseLayer.Initializers, "he"),
    ];

    /// <summary>Zeros per side, or "valid" or "same".</summary>
    public static SpecField Padding { get; } = SpecField.Custom("padding", "zeros per side, \"valid\" or \"same\"", "0", (node, _) =>
        node.IsString ? JsonValue.Create(node.Choice("padding", ["valid", "same"])) : JsonValue.Create(node.Int(0)), JsonValue.Create(0));

    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c) =>
        [("filters", "weight", [s.Int("filters"), c.Channels(Name) / s.Int("groups"), s.Int("kernel_size"), s.Int("kernel_size")]), ("filters", "bias", [s.Int("filters")])];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        var padding = s.Node("padding") is JsonValue v && v.TryGetValue(out string? mode) ? (ConvPadding)mode : (ConvPadding)s.Int("padding");
        return new Conv2d(c.Channels(Name), s.Int("filters"), s.Int("kernel_size"), s.Int("stride"), padding, s.Int("dilation"),
            s.Int("groups"), s.Bool("bias"), DenseLayer.Initializer(s.String("init")), c.Random, c.DType);
    }
}
