namespace Dendrite.Cli.Specs;

/// <summary>Every learning-rate schedule a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class ScheduleKinds
{
    /// <summary>The table of schedules.</summary>
    public static KindTable<ScheduleKind> Table { get; } = new("schedule", [.. DecaySchedule.All(), new WarmupSchedule()]);
}
