using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>zero_pad2d</c>: zeros around each image.</summary>
internal sealed class ZeroPad2dLayer : LayerKind
{
    public override string Name => "zero_pad2d";

    public override string Builds => "ZeroPad2d(padding)";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Int("padding", "rows and columns of zeros per side", minimum: 0).AsRequired()];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Channels(Name);
        return new ZeroPad2d(s.Int("padding"));
    }
}
