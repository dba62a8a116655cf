namespace Dendrite.NN;

/// <summary>Softmax along an axis (default the last): yᵢ = e^xᵢ / Σⱼ e^xⱼ. <b>Shape:</b> any → same.</summary>
/// <param name="axis">The axis that sums to one.</param>
public sealed class Softmax(int axis = -1) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Softmax(input, axis);
}
