using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>unet</c>: <see cref="UNet"/>, the course's segmentation network; a class score per pixel.</summary>
internal sealed class UNetZoo : ZooKind
{
    public override string Name => "unet";

    public override string Builds => "UNet(C_in, classes, filters, depth, dropout)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        InChannels,
        SpecField.Int("classes", "classes per pixel, background included", 4, minimum: 1),
        SpecField.Int("filters", "filters of the first level (doubled at each level down)", 32, minimum: 1),
        SpecField.Int("depth", "contracting blocks that halve the size (the course: 4)", 4, minimum: 1),
        SpecField.Fraction("dropout", "dropout in the deepest contracting block and the bottleneck", 0.3),
    ];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 96, 128];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        int channels = Channels(s, example), multiple = 1 << s.Int("depth");
        if (example[1] % multiple != 0 || example[2] % multiple != 0)
            throw new CliException($"model.depth: unet with depth {s.Int("depth")} needs image sides that are multiples of {multiple} but one example has shape {example}");
        return new UNet(channels, s.Int("classes"), s.Int("filters"), s.Int("depth"), s.Double("dropout"), random);
    }
}
