namespace Dendrite.Serialization;

/// <summary>
/// The contents of a TensorBoard <c>HistogramProto</c>: min, max, count n, Σx, Σx² and equal-width buckets over
/// [min, max]. Bucket i covers [min + i·w, min + (i + 1)·w) with w = (max − min) / k, the last one closed at max;
/// <c>BucketLimits[i]</c> is its right edge and <c>Counts[i]</c> its count. When every value is equal there is one
/// bucket whose limit is that value. Non-finite values are left out of every field (a diverging run still logs).
/// </summary>
/// <remarks>
/// TensorFlow's own writer uses fixed exponential edges (±1e-12 · 1.1^k); equal-width buckets need no table, and
/// TensorBoard re-buckets what it reads for display anyway (its <c>histogram_pb</c> summary uses equal widths too).
/// </remarks>
internal sealed class HistogramBuckets
{
    private HistogramBuckets(double min, double max, long count, double sum, double sumSquares, double[] limits, double[] counts)
    {
        (Min, Max, Count, Sum, SumSquares, BucketLimits, Counts) = (min, max, count, sum, sumSquares, limits, counts);
    }

    /// <summary>The smallest finite value (0 when there is none).</summary>
    public double Min { get; }

    /// <summary>The largest finite value (0 when there is none).</summary>
    public double Max { get; }

    /// <summary>The number of finite values n.</summary>
    public long Count { get; }

    /// <summary>Σ x over the finite values.</summary>
    public double Sum { get; }

    /// <summary>Σ x² over the finite values.</summary>
    public double SumSquares { get; }

    /// <summary>The right edge of each bucket.</summary>
    public double[] BucketLimits { get; }

    /// <summary>How many values each bucket holds; they add up to <see cref="Count"/>.</summary>
    public double[] Counts { get; }

    /// <summary>The histogram of <paramref name="values"/> in <paramref name="buckets"/> equal-width buckets.</summary>
    public static HistogramBuckets Of(ReadOnlySpan<double> values, int buckets = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
        long n = 0;
        foreach (double x in values)
        {
            if (!double.IsFinite(x)) continue;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
            sum += x;
            sumSquares += x * x;
            n++;
        }
        if (n == 0) return new HistogramBuckets(0, 0, 0, 0, 0, [], []);
        if (min == max) return new HistogramBuckets(min, max, n, sum, sumSquares, [max], [n]);
        double width = (max - min) / buckets;
        var limits = new double[buckets];
        for (int i = 0; i < buckets; i++) limits[i] = i == buckets - 1 ? max : min + (i + 1) * width;
        var counts = new double[buckets];
        foreach (double x in values)
            if (double.IsFinite(x)) counts[Math.Min(buckets - 1, (int)((x - min) / width))]++;
        return new HistogramBuckets(min, max, n, sum, sumSquares, limits, counts);
    }

    /// <summary>Encodes the histogram as a <c>HistogramProto</c>: min 1, max 2, num 3, sum 4, sum_squares 5 (doubles),
    /// bucket_limit 6 and bucket 7 (packed doubles).</summary>
    public ProtoWriter Encode()
    {
        var proto = new ProtoWriter();
        proto.Double(1, Min);
        proto.Double(2, Max);
        proto.Double(3, Count);
        proto.Double(4, Sum);
        proto.Double(5, SumSquares);
        proto.PackedDoubles(6, BucketLimits);
        proto.PackedDoubles(7, Counts);
        return proto;
    }
}
