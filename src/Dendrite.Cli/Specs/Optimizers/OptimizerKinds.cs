using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary>Every optimizer a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class OptimizerKinds
{
    /// <summary>The table of optimizers.</summary>
    public static KindTable<OptimizerKind> Table { get; } = new("optimizer",
    [
        new SgdOptimizer(MomentumForm.PyTorch), new SgdOptimizer(MomentumForm.Course), new SgdOptimizer(MomentumForm.Nesterov),
        new RmsPropOptimizer(), new AdamOptimizer(decoupled: false), new AdamOptimizer(decoupled: true), new AdaGradOptimizer(),
    ]);

    /// <summary>Adam with its defaults, the optimizer of a spec that names none.</summary>
    public static SpecSettings Default => new(Table.Get("adam"));
}
