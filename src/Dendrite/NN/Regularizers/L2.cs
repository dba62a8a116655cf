namespace Dendrite.NN;

/// <summary>L2 regularization as in the course: J += λ/(2m)·Σ_l ‖W[l]‖²_F, hence dW[l] += (λ/m)·W[l] ("weight decay").</summary>
/// <param name="lambda">λ.</param>
public sealed class L2(double lambda) : Regularizer(lambda)
{
    /// <inheritdoc/>
    protected override Tensor Term(Tensor weight) => weight.Square().Sum();

    /// <inheritdoc/>
    protected override double Scale(int examples) => Lambda / (2.0 * examples);
}
