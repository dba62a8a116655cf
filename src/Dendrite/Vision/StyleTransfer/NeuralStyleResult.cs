namespace Dendrite.Vision;

/// <summary>What <see cref="NeuralStyle.Run"/> returns: the generated image and its costs after each step.</summary>
/// <param name="Image">The generated image G [N, C, H, W], pixels in [0, 1], detached from the graph.</param>
/// <param name="TotalCosts">J(G) after k = 0 … steps updates (index 0 is the noisy starting image).</param>
/// <param name="ContentCosts">J_content(C, G) after each k.</param>
/// <param name="StyleCosts">J_style(S, G) after each k.</param>
public sealed record NeuralStyleResult(Tensor Image, IReadOnlyList<double> TotalCosts, IReadOnlyList<double> ContentCosts,
                                       IReadOnlyList<double> StyleCosts);
