using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>avgpool2d</c>: the mean of each window.</summary>
internal sealed class AvgPool2dLayer : LayerKind
{
    public override string Name => "avgpool2d";

    public override string Builds => "AvgPool2d(kernel_size, stride, padding, count_include_pad)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("kernel_size", "side of the window", minimum: 1).AsRequired(),
        SpecField.Int("stride", "step of the window", minimum: 1).DefaultsTo("kernel_size"),
        SpecField.Int("padding", "zeros per side", 0, minimum: 0),
        SpecField.Bool("count_include_pad", "whether padded zeros count in the mean", true),
    ];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Channels(Name);
        return new AvgPool2d(s.Int("kernel_size"), s.IntOrNull("stride"), s.Int("padding"), s.Bool("count_include_pad"));
    }
}
