namespace Dendrite.Cli.Specs;

/// <summary>Every zoo model a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class ZooKinds
{
    /// <summary>The table of zoo models.</summary>
    public static KindTable<ZooKind> Table { get; } = new("zoo model",
    [
        new LeNet5Zoo(),
        new AlexNetZoo(),
        new VggZoo(11), new VggZoo(13), new VggZoo(16), new VggZoo(19),
        new ResNetCifarZoo(8), new ResNetCifarZoo(14), new ResNetCifarZoo(20), new ResNetCifarZoo(32), new ResNetCifarZoo(44),
        new ResNetCifarZoo(56), new ResNetCifarZoo(110),
        new ResNetZoo(18), new ResNetZoo(34), new ResNetZoo(50), new ResNetZoo(101), new ResNetZoo(152),
        new GoogLeNetZoo(),
        new MobileNetZoo(1), new MobileNetZoo(2),
        .. Enumerable.Range(0, 8).Select(v => new EfficientNetZoo(v)),
        new AttentionTranslatorZoo(),
        new TinyYoloZoo(),
        new UNetZoo(),
    ]);
}
