using System.Globalization;

namespace Dendrite.Training;

/// <summary>An integer drawn uniformly from low..high inclusive, e.g. hidden units 50..100 or layers 2..4.</summary>
public sealed class IntRange : SearchDimension
{
    /// <summary>Creates the range; low ≤ high.</summary>
    /// <param name="low">Smallest value.</param>
    /// <param name="high">Largest value (inclusive).</param>
    public IntRange(int low, int high)
    {
        if (low > high) throw new ArgumentException($"IntRange: low {low} is above high {high}.");
        Low = low;
        High = high;
    }

    /// <summary>Smallest value.</summary>
    public int Low { get; }

    /// <summary>Largest value (inclusive).</summary>
    public int High { get; }

    /// <inheritdoc />
    public override object Sample(Random random) => Low + random.Next(High - Low + 1);

    /// <inheritdoc />
    public override SearchDimension Narrow(IReadOnlyList<object> best, double margin)
    {
        if (best.Count == 0) return this;
        var v = best.Select(b => Convert.ToDouble(b, CultureInfo.InvariantCulture)).ToArray();
        double pad = margin * (High - Low);
        int lo = Math.Max(Low, (int)Math.Floor(v.Min() - pad));
        int hi = Math.Min(High, (int)Math.Ceiling(v.Max() + pad));
        return new IntRange(lo, Math.Max(lo, hi));
    }

    /// <summary>The range as written, e.g. <c>IntRange(50, 100)</c>.</summary>
    public override string ToString() => $"IntRange({Low}, {High})";
}
