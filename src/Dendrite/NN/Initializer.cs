namespace Dendrite.NN;

/// <summary>Fills a weight tensor in place using a seeded generator.</summary>
/// <param name="weight">The tensor to fill; its first axis is fan-out, the product of the rest is fan-in.</param>
/// <param name="random">The generator every draw comes from.</param>
public delegate void Initializer(Tensor weight, Random random);
