using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;

namespace Dendrite.Cli.Specs;

/// <summary>Builds the optimizer and learning-rate schedule an <see cref="OptimizerSpec"/> and <see cref="ScheduleSpec"/> describe.</summary>
internal static class SpecOptimizer
{
    /// <summary>The learning rate used when the spec gives none: Keras's defaults (SGD 0.01, Adam and RMSprop 0.001), AdaGrad 0.01.</summary>
    public static double DefaultLearningRate(string name) => name is "rmsprop" or "adam" or "adamw" ? 0.001 : 0.01;

    /// <summary>The optimizer over <paramref name="model"/>'s parameters.</summary>
    public static Optimizer Build(OptimizerSpec spec, Module model)
    {
        var p = model.Parameters();
        double lr = spec.LearningRate ?? DefaultLearningRate(spec.Name);
        return spec.Name switch
        {
            "sgd" => new Sgd(p, lr, spec.Momentum ?? 0, MomentumForm.PyTorch),
            "momentum" => new Sgd(p, lr, spec.Momentum ?? 0.9, MomentumForm.Course),
            "nesterov" => new Sgd(p, lr, spec.Momentum ?? 0.9, MomentumForm.Nesterov),
            "rmsprop" => new RmsProp(p, lr, spec.Beta ?? 0.9, spec.Epsilon ?? 1e-8),
            "adam" => new Adam(p, lr, spec.Beta1 ?? 0.9, spec.Beta2 ?? 0.999, spec.Epsilon ?? 1e-8),
            "adamw" => new AdamW(p, lr, spec.WeightDecay ?? 0.01, spec.Beta1 ?? 0.9, spec.Beta2 ?? 0.999, spec.Epsilon ?? 1e-8),
            _ => new AdaGrad(p, lr, spec.Epsilon ?? 1e-10),
        };
    }

    /// <summary>The schedule starting from <paramref name="initialLearningRate"/>.</summary>
    public static LearningRateSchedule Schedule(ScheduleSpec spec, double initialLearningRate) => spec.Type switch
    {
        "inverse_time" => new InverseTimeDecay(initialLearningRate, spec.DecayRate ?? 1, spec.Interval ?? 1),
        "exponential" => new ExponentialDecay(initialLearningRate, spec.Base ?? 0.95),
        "step" => new StepDecay(initialLearningRate, spec.Step!.Value, spec.Gamma ?? 0.1),
        "cosine" => new CosineAnnealing(initialLearningRate, spec.Period!.Value, spec.Minimum ?? 0),
        _ => new LinearWarmup(spec.Then is null ? new ExponentialDecay(initialLearningRate, 1) : Schedule(spec.Then, initialLearningRate), spec.Steps!.Value),
    };
}
