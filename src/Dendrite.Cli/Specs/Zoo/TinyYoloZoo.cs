using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>tiny_yolo</c>: <see cref="TinyYolo"/>, a small YOLO v2 detector; its anchors are chosen by k-means on the training boxes.</summary>
internal sealed class TinyYoloZoo : ZooKind
{
    public override string Name => "tiny_yolo";

    public override string Builds => "TinyYolo(classes, anchors, in_channels, width, stages)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        Classes(3), InChannels,
        SpecField.Int("anchors", "anchor boxes per grid cell (k of the k-means on the training boxes)", 3, minimum: 1),
        SpecField.Int("width", "filters of the first stage, doubling at each stage", 16, minimum: 1),
        SpecField.Int("stages", "3×3 convolution stages; the grid is the image downsampled 2^(stages − 1) times", 4, minimum: 1),
    ];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 64, 64];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        int channels = Channels(s, example), stages = s.Int("stages"), stride = 1 << Math.Min(stages - 1, 20);
        if (stages > 10) throw new CliException($"model.stages: {stages} stages downsample by 2^{stages - 1}; expected at most 10");
        if (example[1] % stride != 0 || example[2] % stride != 0)
            throw new CliException($"model.zoo: tiny_yolo with {stages} stages needs image sides that are multiples of {stride} but one example has shape {example}");
        return new TinyYolo(s.Int("classes"), s.Int("anchors"), channels, s.Int("width"), stages, random);
    }
}
