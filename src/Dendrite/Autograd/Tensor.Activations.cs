using Dendrite.Autograd;

namespace Dendrite;

public sealed partial class Tensor
{
    /// <summary>min(max(x, 0), 6) elementwise (ReLU6, MobileNet's activation).</summary>
    public Tensor Relu6() => UnaryOps.Apply<Relu6Op>(this);

    /// <summary>x·σ(x) elementwise (SiLU, also called swish; EfficientNet's activation).</summary>
    public Tensor Silu() => UnaryOps.Apply<SiluOp>(this);

    /// <summary>x·ReLU6(x + 3)/6 elementwise (hard swish, MobileNetV3's activation).</summary>
    public Tensor Hardswish() => UnaryOps.Apply<HardswishOp>(this);
}
