using Dendrite.Optim.Schedules;

namespace Dendrite.Cli.Specs;

/// <summary>The course's decays <c>inverse_time</c>, <c>exponential</c> and <c>step</c>, and <c>cosine</c> annealing.</summary>
internal sealed class DecaySchedule : ScheduleKind
{
    private readonly Func<SpecSettings, double, LearningRateSchedule> _build;

    private DecaySchedule(string name, string builds, string formula, IReadOnlyList<SpecField> fields, Func<SpecSettings, double, LearningRateSchedule> build)
    {
        Name = name;
        Builds = builds;
        Formula = formula;
        Fields = fields;
        _build = build;
    }

    public override string Name { get; }

    public override string Builds { get; }

    public override string Formula { get; }

    public override IReadOnlyList<SpecField> Fields { get; }

    /// <summary>The four decays.</summary>
    public static IEnumerable<DecaySchedule> All()
    {
        yield return new("inverse_time", "InverseTimeDecay", "α0 / (1 + decay_rate·⌊t / interval⌋)",
            [SpecField.NonNegative("decay_rate", "the decay rate", 1), SpecField.Int("interval", "epochs or steps between changes", 1, minimum: 1)],
            (s, a) => new InverseTimeDecay(a, s.Double("decay_rate"), s.Int("interval")));
        yield return new("exponential", "ExponentialDecay", "α0·base^t",
            [SpecField.Number("base", "the factor per epoch or step", 0.95, "a number in (0, 1]", d => d is > 0 and <= 1)],
            (s, a) => new ExponentialDecay(a, s.Double("base")));
        yield return new("step", "StepDecay", "α0·gamma^⌊t / step⌋",
            [SpecField.Int("step", "epochs or steps between drops", minimum: 1).AsRequired(), SpecField.Positive("gamma", "the factor per drop", 0.1)],
            (s, a) => new StepDecay(a, s.Int("step"), s.Double("gamma")));
        yield return new("cosine", "CosineAnnealing", "cosine annealing from α0 to minimum over period",
            [SpecField.Int("period", "the period T", minimum: 1).AsRequired(), SpecField.NonNegative("minimum", "the floor α_min", 0)],
            (s, a) => new CosineAnnealing(a, s.Int("period"), s.Double("minimum")));
    }

    public override LearningRateSchedule Build(SpecSettings settings, double initialLearningRate) => _build(settings, initialLearningRate);
}
