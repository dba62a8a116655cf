using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>resnet8</c>, <c>resnet14</c>, <c>resnet20</c>, <c>resnet32</c>, <c>resnet44</c>, <c>resnet56</c>, <c>resnet110</c>: the
/// CIFAR residual networks of He et al. §4.2 (<see cref="ResNetCifar"/>, 6n + 2 layers) for small images.
/// </summary>
/// <param name="depth">6n + 2.</param>
internal sealed class ResNetCifarZoo(int depth) : ZooKind
{
    public override string Name => $"resnet{depth}";

    public override string Builds => $"ResNetCifar(n = {(depth - 2) / 6}, classes, in_channels)";

    public override IReadOnlyList<SpecField> Fields { get; } = [Classes(10), InChannels];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 32, 32];

    public override Module Build(SpecSettings s, Shape example, Random random) =>
        new ResNetCifar((depth - 2) / 6, s.Int("classes"), Channels(s, example), random);
}
