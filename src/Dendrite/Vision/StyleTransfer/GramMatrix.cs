namespace Dendrite.Vision;

/// <summary>
/// The Gram (style) matrix of a layer's activations: G = A·Aᵀ, where A [n_C, n_H·n_W] is one image's activation unrolled
/// channel by channel, so G[c, c'] = Σₖ A[c, k]·A[c', k] measures how much channels c and c' fire together.
/// </summary>
/// <remarks>
/// Gatys, Ecker &amp; Bethge, "A Neural Algorithm of Artistic Style" (2015); the course's <c>gram_matrix</c> (course 4,
/// week 4). Built from differentiable reshape and matrix product, so ∂L/∂A = (∂L/∂G + ∂L/∂Gᵀ)·A comes from autograd.
/// <para><b>Shape:</b> (N, C, H, W) → (N, C, C); (C, L) → (C, C) for an already unrolled matrix.</para>
/// </remarks>
public static class GramMatrix
{
    /// <summary>G = A·Aᵀ per image of <paramref name="activations"/> [N, C, H, W] → [N, C, C], or [C, L] → [C, C].</summary>
    /// <exception cref="ArgumentException">The tensor is neither [N, C, H, W] nor [C, L].</exception>
    public static Tensor Of(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.Rank == 2) return activations.MatMul(activations.T);
        if (activations.Rank != 4)
            throw new ArgumentException($"GramMatrix expects activations [N, C, H, W] or an unrolled [C, L] but got {activations.Shape}.", nameof(activations));
        int n = activations.Shape[0], c = activations.Shape[1], l = activations.Shape[2] * activations.Shape[3];
        if (n == 1) return Of(activations.Reshape(c, l)).Reshape(1, c, c);
        var unrolled = activations.Reshape(n, c, l);                         // A: [N, C, H·W]
        return unrolled.MatMul(unrolled.Transpose(1, 2));                    // A·Aᵀ: [N, C, C]
    }
}
