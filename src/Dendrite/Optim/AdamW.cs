using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>AdamW: Adam with weight decay decoupled from the gradient.</summary>
/// <remarks>
/// Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019. Before the <see cref="Adam"/> step
/// (which sees the unmodified gradient dθ):
/// <code>
/// θ := θ − α·λ·θ
/// </code>
/// Unlike L2 regularization folded into dθ, the decay is not rescaled by 1/(√ŝ + ε). Matches torch.optim.AdamW,
/// whose default λ is 0.01.
/// </remarks>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="beta1">β1 in [0, 1), the decay of the first moment v.</param>
    /// <param name="beta2">β2 in [0, 1), the decay of the second moment s.</param>
    /// <param name="epsilon">ε &gt; 0, added to √ŝ to avoid division by zero.</param>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 0.001, double weightDecay = 0.01,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate, beta1, beta2, epsilon)
    {
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"Weight decay must be non-negative but is {weightDecay}.");
        WeightDecay = weightDecay;
    }

    /// <summary>λ, the decoupled weight decay.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        Elementwise.Multiply(parameter, T.CreateChecked(1 - LearningRate * WeightDecay), parameter); // θ := θ·(1 − α·λ)
        base.Update(index, parameter, gradient);
    }
}
