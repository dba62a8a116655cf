namespace Dendrite.NN;

/// <summary>ReLU6 activation: y = min(max(x, 0), 6), ReLU capped for low-precision robustness (MobileNet). <b>Shape:</b> any → same.</summary>
public sealed class Relu6 : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu6(input);
}
