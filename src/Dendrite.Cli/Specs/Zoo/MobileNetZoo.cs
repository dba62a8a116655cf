using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>mobilenet_v1</c> and <c>mobilenet_v2</c>: <see cref="MobileNetV1"/> and <see cref="MobileNetV2"/>, for RGB images.</summary>
/// <param name="version">1 or 2.</param>
internal sealed class MobileNetZoo(int version) : ZooKind
{
    public override string Name => $"mobilenet_v{version}";

    public override string Builds => $"MobileNetV{version}(classes, width, dropout)";

    public override IReadOnlyList<SpecField> Fields { get; } =
        [Classes(1000), SpecField.Positive("width", "the width multiplier α", 1.0), Dropout(version == 1 ? 0.001 : 0.2)];

    public override Shape InputShape(SpecSettings s) => [3, 224, 224];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        RequireRgb(example);
        return version == 1
            ? new MobileNetV1(s.Int("classes"), s.Double("width"), s.Double("dropout"), random)
            : new MobileNetV2(s.Int("classes"), s.Double("width"), s.Double("dropout"), random: random);
    }
}
