namespace Dendrite.Training;

/// <summary>A real value drawn uniformly from [low, high], e.g. a dropout rate.</summary>
/// <param name="low">Smallest value.</param>
/// <param name="high">Largest value.</param>
public sealed class Uniform(double low, double high) : ScaledRange(low, high)
{
    /// <inheritdoc />
    public override double ToScale(double value) => value;

    /// <inheritdoc />
    public override double FromScale(double r) => r;

    /// <inheritdoc />
    protected override ScaledRange WithBounds(double low, double high) => new Uniform(low, high);
}
