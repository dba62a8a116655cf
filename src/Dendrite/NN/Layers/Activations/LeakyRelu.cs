namespace Dendrite.NN;

/// <summary>Leaky ReLU: y = x for x &gt; 0, slope·x otherwise (slope 0.01 by default). <b>Shape:</b> any → same.</summary>
/// <param name="slope">The negative-side slope.</param>
public sealed class LeakyRelu(double slope = 0.01) : Module
{
    /// <summary>The negative-side slope.</summary>
    public double Slope { get; } = slope;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, Slope);

    /// <inheritdoc/>
    public override string Describe() => $"LeakyRelu(slope: {Slope})";
}
