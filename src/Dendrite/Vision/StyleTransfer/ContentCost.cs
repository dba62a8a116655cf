namespace Dendrite.Vision;

/// <summary>
/// The course's content cost between the content image's and the generated image's activations at one layer:
/// J_content(C, G) = 1/(4·n_H·n_W·n_C) · Σ (a⁽ᶜ⁾ − a⁽ᴳ⁾)².
/// </summary>
/// <remarks>
/// Course 4, week 4 (<c>compute_content_cost</c>). For a batch of N image pairs the per-image costs are averaged (the
/// course uses N = 1). <para><b>Shape:</b> (N, C, H, W), (N, C, H, W) → scalar.</para>
/// </remarks>
public static class ContentCost
{
    /// <summary>J_content of the generated activations <paramref name="generated"/> against the fixed <paramref name="content"/> ones.</summary>
    /// <exception cref="ArgumentException">The tensors are not [N, C, H, W] of the same shape.</exception>
    public static Tensor Compute(Tensor content, Tensor generated)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(generated);
        if (generated.Rank != 4 || content.Shape != generated.Shape)
            throw new ArgumentException($"ContentCost expects content and generated activations of one shape [N, C, H, W] but got " +
                                        $"{content.Shape} and {generated.Shape}.");
        int n = generated.Shape[0], c = generated.Shape[1], h = generated.Shape[2], w = generated.Shape[3];
        return (content - generated).Square().Sum() / (4.0 * h * w * c * n);
    }
}
