namespace Dendrite.NN;

/// <summary>Sigmoid activation σ(x) = 1/(1 + e⁻ˣ). <b>Shape:</b> any → same.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);
}
