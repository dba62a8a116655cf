namespace Dendrite.Vision;

/// <summary>
/// The course's style cost: per layer, the squared distance between the style and generated images' Gram matrices,
/// J_style^[l](S, G) = 1/(4·n_C²·(n_H·n_W)²) · Σ (G⁽ˢ⁾ − G⁽ᴳ⁾)², and over layers the weighted sum J_style = Σ_l λ_l·J_style^[l].
/// </summary>
/// <remarks>
/// Course 4, week 4 (<c>compute_layer_style_cost</c>, <c>compute_style_cost</c> with <c>STYLE_LAYERS</c> weights
/// λ_l = 0.2 on five layers). n_H, n_W are the generated activation's. For a batch of N images the per-image costs are
/// averaged. <para><b>Shape:</b> style Gram (N or 1, C, C) and generated activations (N, C, H, W) → scalar.</para>
/// </remarks>
public static class StyleCost
{
    /// <summary>J_style^[l] between the style image's activations <paramref name="style"/> and the generated ones, both [N, C, H, W].</summary>
    /// <exception cref="ArgumentException">The activations are not [N, C, H, W] of the same shape.</exception>
    public static Tensor Layer(Tensor style, Tensor generated)
    {
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(generated);
        if (generated.Rank != 4 || style.Shape != generated.Shape)
            throw new ArgumentException($"StyleCost expects style and generated activations of one shape [N, C, H, W] but got " +
                                        $"{style.Shape} and {generated.Shape}.");
        return FromGram(GramMatrix.Of(style), generated);
    }

    /// <summary>
    /// J_style^[l] from the style image's Gram matrix <paramref name="styleGram"/> [N, C, C] (or [1, C, C] for one style
    /// image shared by the batch), computed once, and the generated activations [N, C, H, W].
    /// </summary>
    /// <exception cref="ArgumentException">The Gram matrix does not match the generated activations' channels.</exception>
    public static Tensor FromGram(Tensor styleGram, Tensor generated)
    {
        ArgumentNullException.ThrowIfNull(styleGram);
        ArgumentNullException.ThrowIfNull(generated);
        if (generated.Rank != 4)
            throw new ArgumentException($"StyleCost expects generated activations [N, C, H, W] but got {generated.Shape}.", nameof(generated));
        int n = generated.Shape[0], c = generated.Shape[1];
        double l = (double)generated.Shape[2] * generated.Shape[3];
        if (styleGram.Rank != 3 || styleGram.Shape[1] != c || styleGram.Shape[2] != c || (styleGram.Shape[0] != n && styleGram.Shape[0] != 1))
            throw new ArgumentException($"StyleCost expects a style Gram matrix [{n} or 1, {c}, {c}] for generated activations " +
                                        $"{generated.Shape} but got {styleGram.Shape}.", nameof(styleGram));
        return (styleGram - GramMatrix.Of(generated)).Square().Sum() / (4.0 * c * c * l * l * n);
    }

    /// <summary>J_style = Σ_l λ_l·J_style^[l] over (style activations, generated activations, λ_l) per layer.</summary>
    /// <exception cref="ArgumentException">No layers are given.</exception>
    public static Tensor Weighted(IEnumerable<(Tensor Style, Tensor Generated, double Weight)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Tensor? total = null;
        foreach (var (style, generated, weight) in layers)
        {
            var term = Layer(style, generated) * weight;
            total = total is null ? term : total + term;
        }
        return total ?? throw new ArgumentException("StyleCost.Weighted needs at least one layer.", nameof(layers));
    }
}
