using Dendrite.Data;
using Dendrite.Vision;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>shapes_detection</c>: the generated detection set (<see cref="ColoredShapes"/>): RGB images with circles, squares and
/// triangles of random size, colour and place on noisy backgrounds, the targets their boxes [m, B, 5] (class, x1, y1, x2,
/// y2 in pixels, class −1 for padding); a held-out test set drawn from seed + 1.
/// </summary>
internal sealed class ShapesDetectionSet : DatasetKind
{
    public override string Name => "shapes_detection";

    public override string Builds => "ColoredShapes.Generate, boxes packed by DetectionTargets.Pack";

    public override string Targets => "boxes [m, max_objects, 5] (class, x1, y1, x2, y2); own test set; images [3, side, side]";

    public override string DefaultLayout => "image";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("count", "training images to generate", 2000, minimum: 1, maximum: DatasetLimits.MaxImages),
        SpecField.Int("test_count", "held-out images drawn from seed + 1 (0: none)", 300, minimum: 0, maximum: DatasetLimits.MaxImages),
        SpecField.Int("side", "image side in pixels (a multiple of the detector's stride)", 64, minimum: 16),
        SpecField.Int("max_objects", "most objects per image", 3, minimum: 1),
        SpecField.Int("seed", "generator seed", 0),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        if (!images) throw new CliException("data.layout: shapes_detection draws its boxes on images; expected layout image");
        int side = s.Int("side"), most = s.Int("max_objects");
        if (side > 1024) throw new CliException($"data.side: {side} pixels is more than the 1024 shapes_detection draws");
        DatasetLimits.Images("data.count", s.Int("count"), 3, side, dtype);
        DatasetLimits.Images("data.test_count", s.Int("test_count"), 3, side, dtype);
        var train = ColoredShapes.Generate(s.Int("count"), s.Int("seed"), side, most);
        var test = s.Int("test_count") > 0 ? ColoredShapes.Generate(s.Int("test_count"), s.Int("seed") + 1, side, most) : null;
        return new LoadedData(train.Images.To(dtype), DetectionTargets.Pack(train.Boxes, most), test?.Images.To(dtype),
            test is null ? null : DetectionTargets.Pack(test.Boxes, most), ColoredShapes.Classes, Regression: false) { Boxes = true };
    }
}
