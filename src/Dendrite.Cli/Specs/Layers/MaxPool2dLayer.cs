using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>maxpool2d</c>: the maximum of each window.</summary>
internal sealed class MaxPool2dLayer : LayerKind
{
    public override string Name => "maxpool2d";

    public override string Builds => "MaxPool2d(kernel_size, stride, padding)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("kernel_size", "side of the window", minimum: 1).AsRequired(),
        SpecField.Int("stride", "step of the window", minimum: 1).DefaultsTo("kernel_size"),
        SpecField.Int("padding", "implicit −∞ per side", 0, minimum: 0),
    ];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Channels(Name);
        return new MaxPool2d(s.Int("kernel_size"), s.IntOrNull("stride"), s.Int("padding"));
    }
}
