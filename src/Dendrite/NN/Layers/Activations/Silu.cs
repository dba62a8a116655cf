namespace Dendrite.NN;

/// <summary>SiLU (swish) activation: y = x·σ(x), smooth and non-monotonic (EfficientNet). <b>Shape:</b> any → same.</summary>
/// <remarks>P. Ramachandran, B. Zoph, Q. V. Le, "Searching for Activation Functions" (2017); S. Elfwing et al. (2017).</remarks>
public sealed class Silu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Silu(input);
}
