using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>alexnet</c>: <see cref="AlexNet"/> (torchvision's single-tower form).</summary>
internal sealed class AlexNetZoo : ZooKind
{
    public override string Name => "alexnet";

    public override string Builds => "AlexNet(classes, in_channels, dropout)";

    public override IReadOnlyList<SpecField> Fields { get; } = [Classes(1000), InChannels, Dropout(0.5)];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 224, 224];

    public override Module Build(SpecSettings s, Shape example, Random random) =>
        new AlexNet(s.Int("classes"), Channels(s, example), s.Double("dropout"), random);
}
