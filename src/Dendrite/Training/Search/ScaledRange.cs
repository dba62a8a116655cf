using System.Globalization;

namespace Dendrite.Training;

/// <summary>
/// A continuous range sampled uniformly in some scale s(x): draw r uniformly between s(low) and s(high) and
/// return x = s⁻¹(r). The scale is linear for <see cref="Uniform"/>, log₁₀ x for <see cref="LogUniform"/>, and
/// log₁₀(1 − x) for <see cref="OneMinusLogUniform"/>; narrowing also happens in that scale.
/// </summary>
public abstract class ScaledRange : SearchDimension
{
    /// <summary>Stores the bounds (already validated by the subclass).</summary>
    protected ScaledRange(double low, double high)
    {
        if (!(low < high)) throw new ArgumentException($"{GetType().Name}: low {low} must be below high {high}.");
        Low = low;
        High = high;
    }

    /// <summary>Smallest value.</summary>
    public double Low { get; }

    /// <summary>Largest value.</summary>
    public double High { get; }

    /// <summary>Maps a value to the scale in which it is sampled uniformly.</summary>
    public abstract double ToScale(double value);

    /// <summary>Maps a point of the sampling scale back to a value.</summary>
    public abstract double FromScale(double r);

    /// <summary>The same kind of range with other bounds.</summary>
    protected abstract ScaledRange WithBounds(double low, double high);

    /// <summary>The range in the sampling scale, ordered.</summary>
    public (double Low, double High) ScaledBounds()
    {
        double a = ToScale(Low), b = ToScale(High);
        return (Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>The width in the sampling scale, e.g. the number of decades of a <see cref="LogUniform"/>.</summary>
    public double ScaledWidth => ScaledBounds().High - ScaledBounds().Low;

    /// <inheritdoc />
    public override object Sample(Random random)
    {
        var (lo, hi) = ScaledBounds();
        return Math.Clamp(FromScale(lo + random.NextDouble() * (hi - lo)), Low, High);
    }

    /// <inheritdoc />
    public override SearchDimension Narrow(IReadOnlyList<object> best, double margin)
    {
        if (best.Count == 0) return this;
        var (lo, hi) = ScaledBounds();
        double pad = margin * (hi - lo);
        var r = best.Select(v => ToScale(Convert.ToDouble(v, CultureInfo.InvariantCulture))).ToArray();
        double newLo = Math.Max(lo, r.Min() - pad), newHi = Math.Min(hi, r.Max() + pad);
        if (!(newLo < newHi)) return this;
        double a = FromScale(newLo), b = FromScale(newHi);
        return WithBounds(Math.Clamp(Math.Min(a, b), Low, High), Math.Clamp(Math.Max(a, b), Low, High));
    }

    /// <summary>The range as written, e.g. <c>LogUniform(0.0001, 1)</c>.</summary>
    public override string ToString() =>
        $"{GetType().Name}({Low.ToString("G4", CultureInfo.InvariantCulture)}, {High.ToString("G4", CultureInfo.InvariantCulture)})";
}
