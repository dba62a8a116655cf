using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary><c>adagrad</c>: G += dθ², θ −= α·dθ/(√G + ε).</summary>
internal sealed class AdaGradOptimizer : OptimizerKind
{
    public override string Name => "adagrad";

    public override string Builds => "AdaGrad";

    protected override IReadOnlyList<SpecField> RuleFields { get; } = [LearningRate(0.01), Epsilon(1e-10)];

    protected override Optimizer Build(SpecSettings s, IEnumerable<Tensor> parameters) =>
        new AdaGrad(parameters, s.Double("learning_rate"), s.Double("epsilon"));
}
