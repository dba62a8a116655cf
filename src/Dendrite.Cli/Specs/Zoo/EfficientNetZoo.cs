using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>efficientnet_b0</c> … <c>efficientnet_b7</c>: <see cref="EfficientNet"/> at the variant's compound scaling, for RGB images.</summary>
/// <param name="variant">0 to 7.</param>
internal sealed class EfficientNetZoo(int variant) : ZooKind
{
    public override string Name => $"efficientnet_b{variant}";

    public override string Builds => $"EfficientNet.B{variant}(classes)";

    public override IReadOnlyList<SpecField> Fields { get; } = [Classes(1000)];

    public override Shape InputShape(SpecSettings s) => [3, EfficientNet.Variant(variant).Resolution, EfficientNet.Variant(variant).Resolution];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        RequireRgb(example);
        return EfficientNet.Create(variant, s.Int("classes"), random);
    }
}
