namespace Dendrite.NN;

/// <summary>Log-softmax along an axis (default the last). <b>Shape:</b> any → same.</summary>
/// <param name="axis">The axis normalized over.</param>
public sealed class LogSoftmax(int axis = -1) : Module
{
    /// <summary>The axis normalized over (negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LogSoftmax(input, Axis);
}
