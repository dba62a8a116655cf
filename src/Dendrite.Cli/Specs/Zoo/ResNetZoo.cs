using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>resnet18</c> … <c>resnet152</c>: torchvision's ImageNet <see cref="ResNet"/>s.</summary>
/// <param name="depth">18, 34, 50, 101 or 152.</param>
internal sealed class ResNetZoo(int depth) : ZooKind
{
    public override string Name => $"resnet{depth}";

    public override string Builds => $"ResNet.ResNet{depth}(classes, in_channels)";

    public override IReadOnlyList<SpecField> Fields { get; } = [Classes(1000), InChannels];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 224, 224];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        int classes = s.Int("classes"), channels = Channels(s, example);
        return depth switch
        {
            18 => ResNet.ResNet18(classes, channels, random),
            34 => ResNet.ResNet34(classes, channels, random),
            50 => ResNet.ResNet50(classes, channels, random),
            101 => ResNet.ResNet101(classes, channels, random),
            _ => ResNet.ResNet152(classes, channels, random),
        };
    }
}
