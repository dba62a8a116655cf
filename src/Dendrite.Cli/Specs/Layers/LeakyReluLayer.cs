using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>leaky_relu</c>: max(x, slope·x).</summary>
internal sealed class LeakyReluLayer : LayerKind
{
    public override string Name => "leaky_relu";

    public override string Builds => "LeakyRelu(slope)";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Number("slope", "the negative slope", 0.01)];

    public override Module Build(SpecSettings s, LayerContext c) => new LeakyRelu(s.Double("slope"));
}
