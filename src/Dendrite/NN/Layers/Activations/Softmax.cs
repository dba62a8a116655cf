namespace Dendrite.NN;

/// <summary>Softmax along an axis (default the last): yᵢ = e^xᵢ / Σⱼ e^xⱼ. <b>Shape:</b> any → same.</summary>
/// <param name="axis">The axis that sums to one.</param>
public sealed class Softmax(int axis = -1) : Module
{
    /// <summary>The axis normalized over (negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Softmax(input, Axis);
}
