using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>normalization</c>: (x − μ)/√(σ² + ε) with μ and σ² of the training inputs, fixed before training (Keras's Normalization).</summary>
internal sealed class NormalizationLayer : LayerKind
{
    public override string Name => "normalization";

    public override string Builds => "Normalization.Adapt(training inputs)";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Positive("epsilon", "ε added to the variance", 1e-8)];

    public override Module Build(SpecSettings s, LayerContext c)
    {
        c.Features(Name);
        return c.Raw ? Normalization.Adapt(c.TrainX, s.Double("epsilon"))
            : throw new CliException($"{c.Path}.type: normalization is adapted to the training inputs, so it must come before any layer that changes them");
    }
}
