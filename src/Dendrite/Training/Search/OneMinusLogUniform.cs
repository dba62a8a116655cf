namespace Dendrite.Training;

/// <summary>
/// A value just below 1, such as momentum's β, drawn as β = 1 − 10^r with r uniform in
/// [log₁₀(1 − high), log₁₀(1 − low)].
/// </summary>
/// <remarks>
/// β sets an average over about 1 / (1 − β) steps, so 0.9 → 0.9005 hardly matters while 0.999 → 0.9995 doubles the
/// window; sampling 1 − β on a log scale spends as many trials on [0.9, 0.99] as on [0.99, 0.999].
/// </remarks>
public sealed class OneMinusLogUniform : ScaledRange
{
    /// <summary>Creates the range; 0 ≤ low &lt; high &lt; 1.</summary>
    /// <param name="low">Smallest β, e.g. 0.9.</param>
    /// <param name="high">Largest β, e.g. 0.999.</param>
    public OneMinusLogUniform(double low, double high) : base(low, high)
    {
        if (!(low >= 0 && high < 1))
            throw new ArgumentOutOfRangeException(nameof(high), high, "OneMinusLogUniform needs 0 ≤ low < high < 1.");
    }

    /// <inheritdoc />
    public override double ToScale(double value) => Math.Log10(1 - value);

    /// <inheritdoc />
    public override double FromScale(double r) => 1 - Math.Pow(10, r);

    /// <inheritdoc />
    protected override ScaledRange WithBounds(double low, double high) => new OneMinusLogUniform(low, high);
}
