namespace Dendrite.NN;

/// <summary>Hard swish activation: y = x·ReLU6(x + 3)/6, a cheap SiLU (MobileNetV3). <b>Shape:</b> any → same.</summary>
public sealed class Hardswish : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Hardswish(input);
}
