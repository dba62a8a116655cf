namespace Dendrite.Vision;

/// <summary>The course's neural-style cost J(G) = α·J_content(C, G) + β·J_style(S, G).</summary>
/// <remarks>Course 4, week 4 (<c>total_cost</c>), whose defaults are α = 10 and β = 40.</remarks>
public static class TotalCost
{
    /// <summary>The course's α, the content weight.</summary>
    public const double DefaultAlpha = 10;

    /// <summary>The course's β, the style weight.</summary>
    public const double DefaultBeta = 40;

    /// <summary>α·<paramref name="contentCost"/> + β·<paramref name="styleCost"/>, both scalars.</summary>
    /// <exception cref="ArgumentException">A cost is not a scalar.</exception>
    public static Tensor Compute(Tensor contentCost, Tensor styleCost, double alpha = DefaultAlpha, double beta = DefaultBeta)
    {
        ArgumentNullException.ThrowIfNull(contentCost);
        ArgumentNullException.ThrowIfNull(styleCost);
        if (contentCost.Count != 1 || styleCost.Count != 1)
            throw new ArgumentException($"TotalCost expects scalar costs but got {contentCost.Shape} and {styleCost.Shape}.");
        return contentCost * alpha + styleCost * beta;
    }
}
