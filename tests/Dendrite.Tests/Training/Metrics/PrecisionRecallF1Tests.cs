using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class PrecisionRecallF1Tests
{
    private static Tensor P => AccuracyMetricTests.Column(AccuracyMetricTests.Probabilities);
    private static Tensor Y => AccuracyMetricTests.Column(AccuracyMetricTests.Labels);

    // scikit-learn's documented example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1].
    private static readonly int[] TrueClasses = [0, 1, 2, 0, 1, 2];
    private static readonly int[] PredictedClasses = [0, 2, 1, 0, 0, 1];

    private static Tensor Scores(int[] predicted, int classes)
    {
        var s = new double[predicted.Length * classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            for (int c = 0; c < classes; c++) s[i * classes + c] = 0.1 * c;
            s[i * classes + predicted[i]] = 1;
        }
        return Tensor.FromArray(s, [predicted.Length, classes]);
    }

    [Fact]
    public void Binary_HandCounts()
    {
        // TP = 3 (1st, 5th, 7th), FP = 2 (3rd, 8th), FN = 1 (2nd), TN = 2.
        Assert.Equal(3.0 / 5, new Precision().Compute(P, Y), 12);
        Assert.Equal(3.0 / 4, new Recall().Compute(P, Y), 12);
        Assert.Equal(2 * 0.6 * 0.75 / (0.6 + 0.75), new F1().Compute(P, Y), 12); // = 2/3
        // Positive class 0: TP = 2, FP = 1, FN = 2.
        Assert.Equal(2.0 / 3, new Precision(positiveClass: 0).Compute(P, Y), 12);
        Assert.Equal(2.0 / 4, new Recall(positiveClass: 0).Compute(P, Y), 12);
    }

    [Fact]
    public void Binary_FromLogits_MatchesProbabilities()
    {
        var z = AccuracyMetricTests.Logits(AccuracyMetricTests.Probabilities);
        Assert.Equal(new F1().Compute(P, Y), new F1(fromLogits: true).Compute(z, Y), 12);
        Assert.Equal(new Precision(threshold: 0.65).Compute(P, Y), new Precision(threshold: 0.65, fromLogits: true).Compute(z, Y), 12);
    }

    [Fact]
    public void NoPositivePredictions_GiveZeroNotNaN()
    {
        var p = Tensor.FromArray(0.1, 0.2, 0.3);
        var y = Tensor.FromArray(1.0, 0.0, 1.0);
        Assert.Equal(0, new Precision().Compute(p, y));
        Assert.Equal(0, new Recall().Compute(p, y));
        Assert.Equal(0, new F1().Compute(p, y));
        var none = Tensor.FromArray(0.0, 0.0, 0.0); // no positives at all: every ratio is 0/0
        Assert.Equal(0, new Precision().Compute(p, none));
        Assert.Equal(0, new Recall().Compute(p, none));
        Assert.Equal(0, new F1().Compute(p, none));
        Assert.Equal(0, new F1().Result()); // nothing seen
    }

    [Fact]
    public void MultiClass_MacroVersusMicro_ScikitLearnExample()
    {
        // Confusion rows (true) × columns (predicted): [[2,0,0],[1,0,1],[0,2,0]].
        // Precision per class 2/3, 0, 0 → macro 2/9; recall 1, 0, 0 → macro 1/3; F1 0.8, 0, 0 → macro 0.8/3.
        // Micro: ΣTP = 2 of 6 predictions and of 6 examples → 1/3 for all three.
        var scores = Scores(PredictedClasses, 3);
        var labels = Tensor.FromArray(TrueClasses);
        Assert.Equal(2.0 / 9, new Precision(Average.Macro).Compute(scores, labels), 12);
        Assert.Equal(1.0 / 3, new Recall(Average.Macro).Compute(scores, labels), 12);
        Assert.Equal(0.8 / 3, new F1(Average.Macro).Compute(scores, labels), 12);
        Assert.Equal(1.0 / 3, new Precision(Average.Micro).Compute(scores, labels), 12);
        Assert.Equal(1.0 / 3, new Recall(Average.Micro).Compute(scores, labels), 12);
        Assert.Equal(1.0 / 3, new F1(Average.Micro).Compute(scores, labels), 12);
    }

    [Fact]
    public void Macro_SkipsClassesAbsentFromTargetsAndPredictions()
    {
        // A fourth score column that never wins and never appears as a label must not dilute the average.
        var scores = Scores(PredictedClasses, 4);
        Assert.Equal(0.8 / 3, new F1(Average.Macro).Compute(scores, Tensor.FromArray(TrueClasses)), 12);
    }

    [Fact]
    public void MultiClass_Binary_ScoresPositiveClassAgainstRest()
    {
        var scores = Scores(PredictedClasses, 3);
        Assert.Equal(2.0 / 3, new Precision(positiveClass: 0).Compute(scores, Tensor.FromArray(TrueClasses)), 12);
        Assert.Equal(0.8, new F1(positiveClass: 0).Compute(scores, Tensor.FromArray(TrueClasses)), 12);
    }

    [Fact]
    public void RandomBatches_MatchNaiveReference_AndOneShot()
    {
        var rng = new Random(7);
        const int n = 120, classes = 5;
        var scores = Enumerable.Range(0, n * classes).Select(_ => rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.Next(classes - 1)).ToArray(); // class 4 never a label
        var predicted = NaiveClassification.ArgMaxRows(scores, classes);
        var (p, r, f) = NaiveClassification.Macro(labels, predicted);
        var (p2, r2, f2) = NaiveClassification.PerClass(labels, predicted, 2);
        double micro = NaiveClassification.Accuracy(labels, predicted);
        var metrics = new (Metric Metric, double Expected)[]
        {
            (new Precision(Average.Macro), p), (new Recall(Average.Macro), r), (new F1(Average.Macro), f),
            (new Precision(Average.Micro), micro), (new Recall(Average.Micro), micro), (new F1(Average.Micro), micro),
            (new Precision(positiveClass: 2), p2), (new Recall(positiveClass: 2), r2), (new F1(positiveClass: 2), f2),
        };
        foreach (var (metric, expected) in metrics)
        {
            int start = 0;
            foreach (int size in new[] { 1, 40, 33, 46 })
            {
                metric.Update(Tensor.FromArray(scores[(start * classes)..((start + size) * classes)], [size, classes]),
                    Tensor.FromArray(labels[start..(start + size)]));
                start += size;
            }
            Assert.Equal(expected, metric.Result(), 12);
            double oneShot = metric.Compute(Tensor.FromArray(scores, [n, classes]), Tensor.FromArray(labels));
            Assert.Equal(expected, oneShot, 12);
        }
    }

    [Fact]
    public void Names_FollowAverage()
    {
        Assert.Equal("precision", new Precision().Name);
        Assert.Equal("recall_macro", new Recall(Average.Macro).Name);
        Assert.Equal("f1_micro", new F1(Average.Micro).Name);
    }
}
