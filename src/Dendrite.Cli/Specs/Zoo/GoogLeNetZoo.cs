using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>googlenet</c>: Inception v1 (<see cref="GoogLeNet"/>), for RGB images.</summary>
internal sealed class GoogLeNetZoo : ZooKind
{
    public override string Name => "googlenet";

    public override string Builds => "GoogLeNet(classes, dropout, five_by_five)";

    public override IReadOnlyList<SpecField> Fields { get; } =
        [Classes(1000), Dropout(0.2), SpecField.Bool("five_by_five", "the paper's 5×5 branch (torchvision uses 3×3)", false)];

    public override Shape InputShape(SpecSettings s) => [3, 224, 224];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        RequireRgb(example);
        return new GoogLeNet(s.Int("classes"), s.Double("dropout"), s.Bool("five_by_five"), random);
    }
}
