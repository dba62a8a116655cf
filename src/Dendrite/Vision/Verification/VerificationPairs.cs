namespace Dendrite.Vision;

/// <summary>
/// Measuring verification: balanced positive/negative pairs drawn from a labelled set, their encoding distances, the
/// accuracy of a threshold, and the threshold that maximizes accuracy on validation pairs (as LFW's protocol chooses it
/// on training folds and reports it on the held-out fold).
/// </summary>
public static class VerificationPairs
{
    /// <summary>
    /// <paramref name="pairsPerKind"/> positive pairs (two different rows of one label) and as many negative pairs (rows
    /// of two labels), drawn uniformly with replacement from <paramref name="random"/> and shuffled together.
    /// </summary>
    public static VerificationPair[] Balanced(ReadOnlySpan<int> labels, int pairsPerKind, Random random)
    {
        if (pairsPerKind < 0) throw new ArgumentOutOfRangeException(nameof(pairsPerKind), $"VerificationPairs.Balanced needs pairsPerKind ≥ 0 but got {pairsPerKind}.");
        var rows = new Dictionary<int, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!rows.TryGetValue(labels[i], out var list)) rows[labels[i]] = list = [];
            list.Add(i);
        }
        var anchors = rows.Values.Where(r => r.Count >= 2).SelectMany(r => r).Order().ToArray();
        if (pairsPerKind > 0 && (anchors.Length == 0 || rows.Count < 2))
            throw new ArgumentException($"VerificationPairs.Balanced needs a label with two rows and at least two labels but got {labels.Length} rows of {rows.Count} labels.");
        var pairs = new VerificationPair[2 * pairsPerKind];
        for (int k = 0; k < pairsPerKind; k++)
        {
            int first = anchors[random.Next(anchors.Length)];
            var same = rows[labels[first]];
            int second = same[random.Next(same.Count - 1)];
            if (second == first) second = same[^1]; // draws uniformly among the other rows of the label
            pairs[k] = new(first, second, true);
        }
        for (int k = 0; k < pairsPerKind; k++)
        {
            int first = random.Next(labels.Length), second;
            do second = random.Next(labels.Length); while (labels[second] == labels[first]);
            pairs[pairsPerKind + k] = new(first, second, false);
        }
        random.Shuffle(pairs);
        return pairs;
    }

    /// <summary>‖f(first) − f(second)‖₂ for every pair, from encodings [N, D].</summary>
    public static double[] Distances(Tensor encodings, ReadOnlySpan<VerificationPair> pairs)
    {
        if (encodings.Rank != 2) throw new ArgumentException($"VerificationPairs.Distances expects encodings [N, D] but got {encodings.Shape}.");
        int d = encodings.Shape[1];
        var e = encodings.ToArray<double>();
        var distances = new double[pairs.Length];
        for (int k = 0; k < pairs.Length; k++)
            distances[k] = IdentityDatabase.Distance(e.AsSpan(pairs[k].First * d, d), e.AsSpan(pairs[k].Second * d, d));
        return distances;
    }

    /// <summary>The fraction of pairs called right when d &lt; <paramref name="threshold"/> means one identity.</summary>
    public static double Accuracy(ReadOnlySpan<double> distances, ReadOnlySpan<VerificationPair> pairs, double threshold)
    {
        CheckLengths(distances, pairs);
        int right = 0;
        for (int k = 0; k < pairs.Length; k++) right += distances[k] < threshold == pairs[k].Same ? 1 : 0;
        return pairs.Length == 0 ? 0 : (double)right / pairs.Length;
    }

    /// <summary>
    /// The threshold of highest accuracy on these pairs: every cut between consecutive distinct sorted distances is
    /// tried (at the midpoint, below the smallest and just above the largest), and the smallest best one is kept.
    /// </summary>
    public static ThresholdChoice BestThreshold(ReadOnlySpan<double> distances, ReadOnlySpan<VerificationPair> pairs)
    {
        CheckLengths(distances, pairs);
        int n = pairs.Length;
        if (n == 0) throw new ArgumentException("VerificationPairs.BestThreshold needs at least one pair.");
        var order = Enumerable.Range(0, n).ToArray();
        var sorted = distances.ToArray();
        Array.Sort(sorted, order);
        int different = 0;
        foreach (var pair in pairs) different += pair.Same ? 0 : 1;
        // With the cut before sorted[k], rows 0..k−1 are called one identity.
        int sameBelow = 0, differentBelow = 0, bestRight = different;
        double best = sorted[0];
        for (int k = 1; k <= n; k++)
        {
            if (pairs[order[k - 1]].Same) sameBelow++; else differentBelow++;
            if (k < n && sorted[k] == sorted[k - 1]) continue;
            int right = sameBelow + different - differentBelow;
            if (right > bestRight) (bestRight, best) = (right, k < n ? (sorted[k - 1] + sorted[k]) / 2 : Math.BitIncrement(sorted[n - 1]));
        }
        return new ThresholdChoice(best, (double)bestRight / n);
    }

    private static void CheckLengths(ReadOnlySpan<double> distances, ReadOnlySpan<VerificationPair> pairs)
    {
        if (distances.Length != pairs.Length)
            throw new ArgumentException($"VerificationPairs needs one distance per pair but got {distances.Length} distances for {pairs.Length} pairs.");
    }
}
