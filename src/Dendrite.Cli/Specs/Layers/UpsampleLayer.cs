using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>upsample</c>: enlarges images [N, C, H, W] by a factor, nearest or bilinear (<see cref="Upsample"/>).</summary>
internal sealed class UpsampleLayer : LayerKind
{
    public override string Name => "upsample";

    public override string Builds => "Upsample(scale_factor, mode, align_corners)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Positive("scale_factor", "factor on height and width", 2),
        SpecField.Choice("mode", "how new pixels are filled", ["nearest", "bilinear"], "nearest"),
        SpecField.Bool("align_corners", "bilinear only: map the corner pixels onto each other", false),
    ];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Channels(Name);
        var mode = s.String("mode") == "bilinear" ? InterpolationMode.Bilinear : InterpolationMode.Nearest;
        if (s.Bool("align_corners") && mode != InterpolationMode.Bilinear)
            throw new CliException($"{c.Path}.align_corners: applies to mode \"bilinear\" only");
        return new Upsample(s.Double("scale_factor"), mode, s.Bool("align_corners"));
    }
}
