using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>sgd</c> (PyTorch's heavy ball v = μv + dθ), <c>momentum</c> (the course's v = βv + (1 − β)dθ) and <c>nesterov</c>:
/// gradient descent, with momentum in the form <see cref="MomentumForm"/> names.
/// </summary>
/// <param name="form">The momentum form.</param>
internal sealed class SgdOptimizer(MomentumForm form) : OptimizerKind
{
    public override string Name => form switch { MomentumForm.PyTorch => "sgd", MomentumForm.Course => "momentum", _ => "nesterov" };

    public override string Builds => $"Sgd(form: {form})";

    protected override IReadOnlyList<SpecField> RuleFields { get; } = form == MomentumForm.PyTorch
        ? [LearningRate(0.01), Beta("momentum", "the momentum μ (0: plain gradient descent)", 0)]
        : [LearningRate(0.01), Beta("momentum", "the momentum β", 0.9), Beta("beta", "the same β under the course's name", 0.9).DefaultsTo("momentum")];

    protected override void Check(SpecNode node, SpecSettings settings)
    {
        if (settings.Has("momentum") && settings.Has("beta")) throw node.Field("beta").Error("give either momentum or beta (the same β), not both");
    }

    protected override Optimizer Build(SpecSettings s, IEnumerable<Tensor> parameters) =>
        new Sgd(parameters, s.Double("learning_rate"), s.Has("beta") ? s.Double("beta") : s.Double("momentum"), form);
}
