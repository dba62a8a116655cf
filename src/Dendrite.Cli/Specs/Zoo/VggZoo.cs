using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>vgg11</c>, <c>vgg13</c>, <c>vgg16</c>, <c>vgg19</c>: <see cref="Vgg"/>, optionally with batch norm.</summary>
/// <param name="depth">11, 13, 16 or 19.</param>
internal sealed class VggZoo(int depth) : ZooKind
{
    public override string Name => $"vgg{depth}";

    public override string Builds => $"Vgg({depth}, batch_norm, classes, in_channels, dropout)";

    public override IReadOnlyList<SpecField> Fields { get; } =
        [Classes(1000), InChannels, SpecField.Bool("batch_norm", "batch norm after every convolution", false), Dropout(0.5)];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 3, 224, 224];

    public override Module Build(SpecSettings s, Shape example, Random random) =>
        new Vgg(depth, s.Bool("batch_norm"), s.Int("classes"), Channels(s, example), s.Double("dropout"), random);
}
