using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>Adam: momentum on the gradient (v) and RMSprop on its square (s), both bias-corrected.</summary>
/// <remarks>
/// Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015. With v = s = 0 before the first step and
/// t = <see cref="Optimizer.StepCount"/> (1 on the first step):
/// <code>
/// v := β1·v + (1 − β1)·dθ
/// s := β2·s + (1 − β2)·dθ²
/// v̂ = v / (1 − β1ᵗ)
/// ŝ = s / (1 − β2ᵗ)
/// θ := θ − α·v̂ / (√ŝ + ε)
/// </code>
/// This is torch.optim.Adam with the same defaults, except that t counts optimizer steps rather than steps in which
/// this parameter had a gradient (the same whenever every parameter gets a gradient every step).
/// </remarks>
public class Adam : Optimizer
{
    /// <summary>Creates Adam.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="beta1">β1 in [0, 1), the decay of the first moment v.</param>
    /// <param name="beta2">β2 in [0, 1), the decay of the second moment s.</param>
    /// <param name="epsilon">ε &gt; 0, added to √ŝ to avoid division by zero.</param>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate, "v", "s")
    {
        RequireDecay(beta1, nameof(beta1));
        RequireDecay(beta2, nameof(beta2));
        RequirePositive(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β1, the decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β2, the decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        double correction1 = 1 - Math.Pow(Beta1, StepCount), correction2 = 1 - Math.Pow(Beta2, StepCount);
        var v = State<T>(index, "v");
        var s = State<T>(index, "s");
        OptimizerUpdates.Adam(parameter, gradient, v, s, T.CreateChecked(Beta1), T.CreateChecked(1 - Beta1), T.CreateChecked(Beta2),
                              T.CreateChecked(1 - Beta2), T.CreateChecked(1 / correction2),
                              T.CreateChecked(Epsilon), T.CreateChecked(LearningRate / correction1));
    }

    internal static void RequireDecay(double beta, string name)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, 1) but is {beta}.");
    }

    internal static void RequirePositive(double value, string name)
    {
        if (!(value > 0)) throw new ArgumentOutOfRangeException(name, $"{name} must be positive but is {value}.");
    }
}
