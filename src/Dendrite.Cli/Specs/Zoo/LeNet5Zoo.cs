using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>lenet5</c>: <see cref="LeNet5"/>, for 28×28 or 32×32 images.</summary>
internal sealed class LeNet5Zoo : ZooKind
{
    public override string Name => "lenet5";

    public override string Builds => "LeNet5(classes, in_channels, image side)";

    public override IReadOnlyList<SpecField> Fields { get; } = [Classes(10), InChannels];

    public override Shape InputShape(SpecSettings s) => [s.IntOrNull("in_channels") ?? 1, 28, 28];

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        int channels = Channels(s, example);
        if (example[1] != example[2] || example[1] is not (28 or 32))
            throw new CliException($"model.zoo: lenet5 takes 28×28 or 32×32 images but one example has shape {example}");
        return new LeNet5(s.Int("classes"), channels, example[1], random);
    }
}
