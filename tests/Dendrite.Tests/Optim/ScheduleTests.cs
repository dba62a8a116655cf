using Dendrite.Optim;
using Dendrite.Optim.Schedules;

namespace Dendrite.Tests.Optim;

public class ScheduleTests
{
    private static void AssertValues(LearningRateSchedule schedule, params (int T, double Alpha)[] expected)
    {
        foreach (var (t, alpha) in expected) Assert.Equal(alpha, schedule.LearningRate(t), 1e-15);
    }

    [Fact]
    public void Inverse_time_decay_is_the_courses_update_lr() =>
        // α = 0.5 / (1 + 1·t)
        AssertValues(new InverseTimeDecay(0.5, 1), (0, 0.5), (1, 0.25), (2, 0.5 / 3), (9, 0.05));

    [Fact]
    public void Inverse_time_decay_at_intervals_is_the_courses_schedule_lr_decay() =>
        // α = 0.5 / (1 + 0.3·⌊t/1000⌋)
        AssertValues(new InverseTimeDecay(0.5, 0.3, interval: 1000),
            (0, 0.5), (999, 0.5), (1000, 0.5 / 1.3), (1999, 0.5 / 1.3), (2000, 0.5 / 1.6), (10_500, 0.5 / 4));

    [Fact]
    public void Exponential_decay_defaults_to_the_courses_base() =>
        // α = 0.2·0.95ᵗ
        AssertValues(new ExponentialDecay(0.2), (0, 0.2), (1, 0.19), (2, 0.1805), (10, 0.2 * Math.Pow(0.95, 10)));

    [Fact]
    public void Exponential_decay_with_a_general_base() =>
        AssertValues(new ExponentialDecay(1, 0.5), (0, 1), (1, 0.5), (3, 0.125));

    [Fact]
    public void Step_decay_multiplies_by_gamma_every_step_size() =>
        // α = 0.1·0.5^⌊t/10⌋
        AssertValues(new StepDecay(0.1, 10, 0.5), (0, 0.1), (9, 0.1), (10, 0.05), (19, 0.05), (20, 0.025), (35, 0.0125));

    [Fact]
    public void Cosine_annealing_falls_from_the_initial_rate_to_the_minimum() =>
        // α = 0.01 + 0.09·(1 + cos(πt/100))/2: t = 0 → 0.1; t = 50 → 0.055; t = 100 → 0.01; held after
        AssertValues(new CosineAnnealing(0.1, 100, 0.01),
            (0, 0.1), (25, 0.01 + 0.09 * (1 + Math.Sqrt(0.5)) / 2), (50, 0.055), (100, 0.01), (150, 0.01));

    [Fact]
    public void Linear_warmup_rises_to_the_inner_schedule_then_follows_it() =>
        // W = 4: α = 0.4·(t + 1)/4 for t < 4, then 0.4·0.5^⌊(t − 4)/2⌋
        AssertValues(new LinearWarmup(new StepDecay(0.4, 2, 0.5), 4),
            (0, 0.1), (1, 0.2), (2, 0.3), (3, 0.4), (4, 0.4), (5, 0.4), (6, 0.2), (8, 0.1));

    [Fact]
    public void Apply_sets_the_optimizers_learning_rate()
    {
        var sgd = new Sgd([Tensor.Zeros([1])], 1);
        new InverseTimeDecay(1, 1).Apply(sgd, 3);
        Assert.Equal(0.25, sgd.LearningRate);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(0.1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 10, minimum: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(0.1, 1).LearningRate(-1));
    }
}
