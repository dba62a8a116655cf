namespace Dendrite.NN;

/// <summary>Hyperbolic tangent activation. <b>Shape:</b> any → same.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);
}
