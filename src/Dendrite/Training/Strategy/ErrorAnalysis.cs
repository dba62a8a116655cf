namespace Dendrite.Training;

/// <summary>
/// Course 3's error analysis on class probabilities [N, C] and labels: the misclassified examples worst first, the most
/// confused (true, predicted) pairs, examples whose given label the model finds least likely (label-noise candidates),
/// and, once a person has tagged the errors, the ceiling table — for each tag, its share of the errors and the best
/// error rate reachable if that category were fixed.
/// </summary>
public static class ErrorAnalysis
{
    /// <summary>The misclassified rows (arg-max ≠ label), highest loss first.</summary>
    public static IReadOnlyList<Misclassified> Misclassified(double[,] probabilities, IReadOnlyList<int> labels)
    {
        Check(probabilities, labels);
        var errors = new List<Misclassified>();
        for (int i = 0; i < labels.Count; i++)
        {
            int predicted = ArgMax(probabilities, i);
            if (predicted != labels[i])
                errors.Add(new(i, labels[i], predicted, probabilities[i, predicted], -Math.Log(Math.Max(probabilities[i, labels[i]], 1e-300))));
        }
        return [.. errors.OrderByDescending(e => e.Loss).ThenBy(e => e.Index)];
    }

    /// <summary>(true, predicted, count) over the misclassified rows, most frequent first.</summary>
    public static IReadOnlyList<(int Label, int Predicted, int Count)> ConfusedPairs(IEnumerable<Misclassified> errors) =>
        [.. errors.GroupBy(e => (e.Label, e.Predicted)).Select(g => (g.Key.Label, g.Key.Predicted, g.Count()))
                  .OrderByDescending(p => p.Item3).ThenBy(p => p.Label).ThenBy(p => p.Predicted)];

    /// <summary>The <paramref name="top"/> rows whose given label has the lowest predicted probability: the first to check for mislabelled data.</summary>
    public static IReadOnlyList<(int Index, int Label, double Probability)> LabelNoiseCandidates(double[,] probabilities, IReadOnlyList<int> labels, int top)
    {
        Check(probabilities, labels);
        return [.. Enumerable.Range(0, labels.Count).Select(i => (i, labels[i], probabilities[i, labels[i]]))
                             .OrderBy(c => c.Item3).ThenBy(c => c.i).Take(Math.Max(0, top))];
    }

    /// <summary>
    /// The ceiling table: for each tag on the misclassified examples (an example may carry several), how many errors
    /// carry it, their share, and the error rate if every error of that category were fixed, errorRate · (1 − share).
    /// Untagged errors count in the total. Rows are ordered by share, largest first.
    /// </summary>
    /// <param name="errorRate">The split's error rate, e.g. 0.10.</param>
    /// <param name="tagsPerError">The tags of each misclassified example.</param>
    public static IReadOnlyList<(string Tag, int Count, double Share, double ErrorIfFixed)> Ceiling(double errorRate, IReadOnlyList<IReadOnlyList<string>> tagsPerError)
    {
        if (!(errorRate >= 0 && errorRate <= 1)) throw new ArgumentOutOfRangeException(nameof(errorRate), $"An error rate must be in [0, 1] but got {errorRate}.");
        int total = tagsPerError.Count;
        if (total == 0) return [];
        return [.. tagsPerError.SelectMany(tags => tags.Distinct()).GroupBy(t => t)
                               .Select(g => (g.Key, g.Count(), (double)g.Count() / total, errorRate * (1 - (double)g.Count() / total)))
                               .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private static int ArgMax(double[,] p, int row)
    {
        int best = 0;
        for (int c = 1; c < p.GetLength(1); c++) if (p[row, c] > p[row, best]) best = c;
        return best;
    }

    private static void Check(double[,] probabilities, IReadOnlyList<int> labels)
    {
        if (probabilities.GetLength(0) != labels.Count)
            throw new ArgumentException($"Error analysis got probabilities for {probabilities.GetLength(0)} examples but {labels.Count} labels.");
        foreach (int label in labels)
            if ((uint)label >= (uint)probabilities.GetLength(1))
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} is outside the {probabilities.GetLength(1)} classes of the probabilities.");
    }
}
