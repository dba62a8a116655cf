using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>global_avgpool2d</c>: the mean over each channel, [N, C, H, W] → [N, C].</summary>
internal sealed class GlobalAvgPool2dLayer : LayerKind
{
    public override string Name => "global_avgpool2d";

    public override string Builds => "GlobalAvgPool2d()";

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Channels(Name);
        return new GlobalAvgPool2d();
    }
}
