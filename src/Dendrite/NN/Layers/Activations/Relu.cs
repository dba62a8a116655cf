namespace Dendrite.NN;

/// <summary>ReLU activation: y = max(x, 0). <b>Shape:</b> any → same.</summary>
public sealed class Relu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}
