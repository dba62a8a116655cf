using Dendrite.Optim.Schedules;

namespace Dendrite.Cli.Specs;

/// <summary><c>warmup</c>: α rises linearly over the first steps, then follows another schedule (<c>then</c>).</summary>
internal sealed class WarmupSchedule : ScheduleKind
{
    public override string Name => "warmup";

    public override string Builds => "LinearWarmup";

    public override string Formula => "α0·(t + 1)/steps, then `then`(t − steps)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("steps", "the number W of warm-up epochs or steps", minimum: 1).AsRequired(),
        SpecField.Custom("then", "the schedule after the warm-up", "constant α0",
            (node, baseFolder) => SpecKind.Write(ScheduleSpec.BindKind(node, baseFolder, outermost: false))),
    ];

    public override LearningRateSchedule Build(SpecSettings s, double initialLearningRate)
    {
        var then = s.Node("then") is { } node
            ? ScheduleSpec.BindKind(new SpecNode("spec", "schedule.then", node), null, outermost: false)
            : null;
        return new LinearWarmup(then is null ? new ExponentialDecay(initialLearningRate, 1) : ((ScheduleKind)then.Kind).Build(then, initialLearningRate), s.Int("steps"));
    }
}
