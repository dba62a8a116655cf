using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary><c>adam</c> and <c>adamw</c> (Adam with decoupled weight decay): bias-corrected first and second moments.</summary>
/// <param name="decoupled">True for AdamW.</param>
internal sealed class AdamOptimizer(bool decoupled) : OptimizerKind
{
    public override string Name => decoupled ? "adamw" : "adam";

    public override string Builds => decoupled ? "AdamW" : "Adam";

    protected override IReadOnlyList<SpecField> RuleFields { get; } =
    [
        LearningRate(0.001), Beta("beta1", "decay of the first moment", 0.9), Beta("beta2", "decay of the second moment", 0.999), Epsilon(1e-8),
        .. decoupled ? [SpecField.NonNegative("weight_decay", "the decoupled weight decay λ", 0.01)] : Array.Empty<SpecField>(),
    ];

    protected override Optimizer Build(SpecSettings s, IEnumerable<Tensor> parameters) => decoupled
        ? new AdamW(parameters, s.Double("learning_rate"), s.Double("weight_decay"), s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"))
        : new Adam(parameters, s.Double("learning_rate"), s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"));
}
