namespace Dendrite.Training;

/// <summary>
/// A positive value drawn on a log scale: α = 10^r with r uniform in [log₁₀ low, log₁₀ high], so every decade
/// (0.0001–0.001, 0.001–0.01, …) is equally likely. The course's choice for the learning rate.
/// </summary>
public sealed class LogUniform : ScaledRange
{
    /// <summary>Creates the range; 0 &lt; low &lt; high.</summary>
    /// <param name="low">Smallest value, e.g. 1e-4.</param>
    /// <param name="high">Largest value, e.g. 1.</param>
    public LogUniform(double low, double high) : base(low, high)
    {
        if (!(low > 0)) throw new ArgumentOutOfRangeException(nameof(low), low, "LogUniform needs 0 < low.");
    }

    /// <inheritdoc />
    public override double ToScale(double value) => Math.Log10(value);

    /// <inheritdoc />
    public override double FromScale(double r) => Math.Pow(10, r);

    /// <inheritdoc />
    protected override ScaledRange WithBounds(double low, double high) => new LogUniform(low, high);
}
