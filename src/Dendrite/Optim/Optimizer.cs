using System.Numerics;
using Dendrite.Autograd;

namespace Dendrite.Optim;

/// <summary>
/// Base of every optimizer: walks the parameters and hands each one's value and gradient, as spans,
/// to the subclass's update rule. Subclasses keep their per-parameter state (velocities, moments) by index.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;

    /// <summary>Creates an optimizer over <paramref name="parameters"/> with step size α = <paramref name="learningRate"/>.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        if (_parameters.Length == 0) throw new ArgumentException("The optimizer got no parameters.", nameof(parameters));
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate must be positive but is {learningRate}.");
        LearningRate = learningRate;
    }

    /// <summary>The tensors being optimized.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The step size α (schedules change it between steps).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step"/> calls so far (t in Adam's bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>Clears every parameter's gradient before the next backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = null;
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        using var _ = GradMode.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is null) continue;
            if (p.IsFloat64) Update(i, p.Span<double>(), p.Grad.Contiguous().Span<double>());
            else Update(i, p.Span<float>(), p.Grad.Contiguous().Span<float>());
        }
    }

    /// <summary>The update rule for parameter number <paramref name="index"/>: modify <paramref name="parameter"/> in place from its gradient.</summary>
    protected abstract void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>;
}
