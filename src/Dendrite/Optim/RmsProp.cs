using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>RMSprop: divides each step by a running root mean square of the gradient.</summary>
/// <remarks>
/// Hinton, Srivastava &amp; Swersky, "Neural Networks for Machine Learning", lecture 6e (2012). With s = 0 before the first step:
/// <code>
/// s := β·s + (1 − β)·dθ²
/// θ := θ − α·dθ / (√s + ε)
/// </code>
/// The default β = 0.9 is the lecture's (and Keras'); torch.optim.RMSprop uses alpha = 0.99, eps = 1e-8 and the same
/// placement of ε, so pass <c>beta: 0.99</c> to match it.
/// </remarks>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates RMSprop.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="beta">β in [0, 1), the decay of the mean square s.</param>
    /// <param name="epsilon">ε &gt; 0, added to √s to avoid division by zero.</param>
    public RmsProp(IEnumerable<Tensor> parameters, double learningRate = 0.001, double beta = 0.9, double epsilon = 1e-8)
        : base(parameters, learningRate, "s")
    {
        Adam.RequireDecay(beta, nameof(beta));
        Adam.RequirePositive(epsilon, nameof(epsilon));
        Beta = beta;
        Epsilon = epsilon;
    }

    /// <summary>β, the decay of the mean square.</summary>
    public double Beta { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var s = State<T>(index, "s");
        var work = Scratch<T>(parameter.Length);
        Elementwise.Multiply(s, T.CreateChecked(Beta), s);          // s := β·s
        Elementwise.Square(gradient, work);                         // work = dθ²
        Elementwise.MultiplyAdd(work, T.CreateChecked(1 - Beta), s, s); // s += (1 − β)·work
        Elementwise.Sqrt(s, work);                                  // work = √s
        Elementwise.Add(work, T.CreateChecked(Epsilon), work);      //        + ε
        Elementwise.Divide(gradient, work, work);                   // work = dθ / (√s + ε)
        Elementwise.MultiplyAdd(work, T.CreateChecked(-LearningRate), parameter, parameter); // θ += (−α)·work
    }
}
