using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>shapes_segmentation</c>: the generated <see cref="ColoredShapes"/> images [m, 3, side, side] with a class per pixel
/// [m, side, side] (0 background, 1 circle, 2 square, 3 triangle), and a held-out test set drawn from another seed.
/// </summary>
internal sealed class ShapesSegmentationSet : DatasetKind
{
    /// <summary>The class names by mask value.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["background", .. ColoredShapes.Classes];

    public override string Name => "shapes_segmentation";

    public override string Builds => "ColoredShapes.Generate";

    public override string Targets => "a class per pixel [m, side, side] (background, circle, square, triangle)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("count", "images to generate for training (and dev, when data.dev is set)", 2000, minimum: 1, maximum: DatasetLimits.MaxImages),
        SpecField.Int("test_count", "held-out images drawn from seed + 1 as the test set (0: none)", 400, minimum: 0, maximum: DatasetLimits.MaxImages),
        SpecField.Int("side", "image side in pixels", 32, minimum: 16, maximum: 4096),
        SpecField.Int("max_objects", "most objects per image", 3, minimum: 1),
        SpecField.Int("seed", "generator seed", 0),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        int side = s.Int("side"), objects = s.Int("max_objects");
        DatasetLimits.Images("data.count", s.Int("count"), 3, side, dtype);
        DatasetLimits.Images("data.test_count", s.Int("test_count"), 3, side, dtype);
        var train = ColoredShapes.Generate(s.Int("count"), s.Int("seed"), side, objects);
        var test = s.Int("test_count") > 0 ? ColoredShapes.Generate(s.Int("test_count"), s.Int("seed") + 1, side, objects) : null;
        return new LoadedData(train.Images.To(dtype), train.Masks, test?.Images.To(dtype), test?.Masks, ClassNames, Regression: false);
    }
}
