namespace Dendrite.NN;

/// <summary>Flattens every axis after the first: the bridge from convolutional feature maps to Dense layers.</summary>
/// <remarks><b>Shape:</b> (N, d₁, …, dₖ) → (N, d₁·…·dₖ), in row-major (C, H, W) order like PyTorch's <c>nn.Flatten</c>.</remarks>
public sealed class Flatten : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank < 1) throw new ArgumentException($"{Describe()} expects [N, …] but got a scalar {input.Shape}.");
        return Functional.Flatten(input);
    }

    /// <inheritdoc/>
    public override string Describe() => "Flatten()";
}
