using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>basic_block</c> and <c>bottleneck</c>: ResNet's residual blocks (He et al. 2015, Fig. 5), with a 1×1 projection
/// shortcut where the stride or the channels change.
/// </summary>
/// <param name="bottleneck">True for the 1×1–3×3–1×1 bottleneck (output 4·width channels).</param>
internal sealed class ResidualBlockLayer(bool bottleneck) : LayerKind
{
    public override string Name => bottleneck ? "bottleneck" : "basic_block";

    public override string Builds => bottleneck ? "Bottleneck(C, width, stride)" : "BasicBlock(C, filters, stride)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        bottleneck ? SpecField.Int("width", "channels of the 3×3 convolution (outputs 4·width)", minimum: 1).AsRequired()
                   : SpecField.Int("filters", "output channels of both 3×3 convolutions", minimum: 1).AsRequired(),
        SpecField.Int("stride", "stride of the first convolution (2 halves the resolution)", 1, minimum: 1),
    ];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        int channels = c.Channels(Name);
        Module block = bottleneck
            ? new Bottleneck(channels, s.Int("width"), s.Int("stride"), c.Random)
            : new BasicBlock(channels, s.Int("filters"), s.Int("stride"), c.Random);
        return block.To(c.DType);
    }
}
