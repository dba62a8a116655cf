namespace Dendrite.Cli.Specs;

/// <summary>A learning-rate schedule; α0 is the optimizer's learning rate.</summary>
/// <param name="Type">inverse_time, exponential, step, cosine or warmup.</param>
internal sealed record ScheduleSpec(string Type)
{
    /// <summary>The schedule types a spec may name.</summary>
    public static IReadOnlyList<string> Types { get; } = ["inverse_time", "exponential", "step", "cosine", "warmup"];

    /// <summary>inverse_time: α = α0 / (1 + decay_rate·⌊t / interval⌋) (default decay_rate 1).</summary>
    public double? DecayRate { get; init; }

    /// <summary>inverse_time: epochs or steps between changes (default 1).</summary>
    public int? Interval { get; init; }

    /// <summary>exponential: α = α0·base^t (default 0.95).</summary>
    public double? Base { get; init; }

    /// <summary>step: α = α0·gamma^⌊t / step⌋ (step required).</summary>
    public int? Step { get; init; }

    /// <summary>step: the factor per step (default 0.1).</summary>
    public double? Gamma { get; init; }

    /// <summary>cosine: the period T (required).</summary>
    public int? Period { get; init; }

    /// <summary>cosine: the floor α_min (default 0).</summary>
    public double? Minimum { get; init; }

    /// <summary>warmup: the number W of warm-up epochs or steps (required).</summary>
    public int? Steps { get; init; }

    /// <summary>warmup: the schedule after the warm-up (default: constant α0).</summary>
    public ScheduleSpec? Then { get; init; }

    /// <summary>Whether t counts epochs (default) or optimizer steps; only on the outermost schedule.</summary>
    public string Per { get; init; } = "epoch";
}
