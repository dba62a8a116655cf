using Dendrite.Optim.Schedules;

namespace Dendrite.Cli.Specs;

/// <summary>A learning-rate schedule a spec's <c>schedule.type</c> may name; t counts epochs or steps (<c>per</c>).</summary>
internal abstract class ScheduleKind : SpecKind
{
    /// <summary>The schedule α(t) starting from <paramref name="initialLearningRate"/> α0.</summary>
    public abstract LearningRateSchedule Build(SpecSettings settings, double initialLearningRate);

    /// <summary>A formula for docs/SPEC.md.</summary>
    public abstract string Formula { get; }
}
