namespace Dendrite.Tests.Training.Metrics;

/// <summary>
/// Independent reference for precision, recall and F1, written from the definitions over lists of labels
/// (scikit-learn's semantics: zero_division = 0, macro over the labels present in either list).
/// </summary>
internal static class NaiveClassification
{
    public static (double Precision, double Recall, double F1) PerClass(int[] actual, int[] predicted, int c)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (predicted[i] == c && actual[i] == c) tp++;
            else if (predicted[i] == c) fp++;
            else if (actual[i] == c) fn++;
        }
        double p = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
        double r = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return (p, r, f);
    }

    public static (double Precision, double Recall, double F1) Macro(int[] actual, int[] predicted)
    {
        var labels = actual.Concat(predicted).Distinct().ToArray();
        var scores = labels.Select(c => PerClass(actual, predicted, c)).ToArray();
        return (scores.Average(s => s.Precision), scores.Average(s => s.Recall), scores.Average(s => s.F1));
    }

    /// <summary>Micro averages of single-label classification all equal the accuracy.</summary>
    public static double Accuracy(int[] actual, int[] predicted) =>
        actual.Zip(predicted).Count(t => t.First == t.Second) / (double)actual.Length;

    public static int[] ArgMaxRows(double[] scores, int classes)
    {
        var result = new int[scores.Length / classes];
        for (int r = 0; r < result.Length; r++)
            for (int c = 1; c < classes; c++)
                if (scores[r * classes + c] > scores[r * classes + result[r]]) result[r] = c;
        return result;
    }
}
