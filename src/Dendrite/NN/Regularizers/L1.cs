namespace Dendrite.NN;

/// <summary>L1 regularization: J += λ/m·Σ_l Σ|W[l]|, hence dW[l] += (λ/m)·sign(W[l]); drives weights to exactly zero.</summary>
/// <param name="lambda">λ.</param>
public sealed class L1(double lambda) : Regularizer(lambda)
{
    /// <inheritdoc/>
    protected override Tensor Term(Tensor weight) => weight.Abs().Sum();

    /// <inheritdoc/>
    protected override double Scale(int examples) => Lambda / examples;
}
