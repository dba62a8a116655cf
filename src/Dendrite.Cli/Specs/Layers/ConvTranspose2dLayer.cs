using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>conv_transpose2d</c>: a transposed convolution that up-samples images [N, C, H, W] (<see cref="ConvTranspose2d"/>).</summary>
internal sealed class ConvTranspose2dLayer : LayerKind
{
    public override string Name => "conv_transpose2d";

    public override string Builds => "ConvTranspose2d(C_in, filters, kernel_size, stride, padding, output_padding, groups, bias, dilation)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("filters", "output channels", minimum: 1).AsRequired(),
        SpecField.Int("kernel_size", "side of the square kernel", minimum: 1).AsRequired(),
        SpecField.Int("stride", "spacing of the places neighbouring input pixels write to (2 doubles the size with kernel 3, padding 1, output_padding 1)", 1, minimum: 1),
        SpecField.Int("padding", "rows and columns cropped from each side", 0, minimum: 0),
        SpecField.Int("output_padding", "extra rows and columns at the bottom and right (below the stride)", 0, minimum: 0),
        SpecField.Int("groups", "channel groups", 1, minimum: 1),
        SpecField.Bool("bias", "whether to learn a bias", true),
        SpecField.Int("dilation", "spacing of the kernel taps", 1, minimum: 1),
        SpecField.Choice("init", "the weight initializer", DenseLayer.Initializers, "he"),
    ];

    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c) =>
        [("filters", "weight", [c.Channels(Name), s.Int("filters") / s.Int("groups"), s.Int("kernel_size"), s.Int("kernel_size")]), ("filters", "bias", [s.Int("filters")])];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        try
        {
            return new ConvTranspose2d(c.Channels(Name), s.Int("filters"), s.Int("kernel_size"), s.Int("stride"), s.Int("padding"), s.Int("output_padding"),
                s.Int("groups"), s.Bool("bias"), s.Int("dilation"), DenseLayer.Initializer(s.String("init")), c.Random, c.DType);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{c.Path}: {e.Message}");
        }
    }
}
