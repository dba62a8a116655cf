using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary><c>rmsprop</c>: s = βs + (1 − β)dθ², θ −= α·dθ/(√s + ε).</summary>
internal sealed class RmsPropOptimizer : OptimizerKind
{
    public override string Name => "rmsprop";

    public override string Builds => "RmsProp";

    protected override IReadOnlyList<SpecField> RuleFields { get; } =
        [LearningRate(0.001), Beta("beta", "decay of the squared-gradient average", 0.9), Epsilon(1e-8)];

    protected override Optimizer Build(SpecSettings s, IEnumerable<Tensor> parameters) =>
        new RmsProp(parameters, s.Double("learning_rate"), s.Double("beta"), s.Double("epsilon"));
}
