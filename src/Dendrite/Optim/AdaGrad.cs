using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>AdaGrad: divides each step by the root of the sum of all past squared gradients.</summary>
/// <remarks>
/// Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization", JMLR 2011.
/// With s = 0 before the first step:
/// <code>
/// s := s + dθ²
/// θ := θ − α·dθ / (√s + ε)
/// </code>
/// Defaults follow torch.optim.Adagrad (lr 0.01, eps 1e-10, no learning-rate decay, initial accumulator 0).
/// </remarks>
public sealed class AdaGrad : Optimizer
{
    /// <summary>Creates AdaGrad.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="epsilon">ε &gt; 0, added to √s to avoid division by zero.</param>
    public AdaGrad(IEnumerable<Tensor> parameters, double learningRate = 0.01, double epsilon = 1e-10)
        : base(parameters, learningRate, "s")
    {
        Adam.RequirePositive(epsilon, nameof(epsilon));
        Epsilon = epsilon;
    }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var s = State<T>(index, "s");
        var work = Scratch<T>(parameter.Length);
        Elementwise.MultiplyAdd(gradient, gradient, s, s);          // s := s + dθ²
        Elementwise.Sqrt(s, work);                                  // work = √s
        Elementwise.Add(work, T.CreateChecked(Epsilon), work);      //        + ε
        Elementwise.Divide(gradient, work, work);                   // work = dθ / (√s + ε)
        Elementwise.MultiplyAdd(work, T.CreateChecked(-LearningRate), parameter, parameter); // θ += (−α)·work
    }
}
