using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class AccuracyMetricTests
{
    // y:      1    1    0    0    1    0    1    0
    // p:     .9   .4   .6   .1   .8   .3   .7  .55  → predicted 1 0 1 0 1 0 1 1: 5 of 8 right.
    internal static readonly double[] Probabilities = [0.9, 0.4, 0.6, 0.1, 0.8, 0.3, 0.7, 0.55];
    internal static readonly double[] Labels = [1, 1, 0, 0, 1, 0, 1, 0];

    internal static Tensor Column(double[] values) => Tensor.FromArray(values, [values.Length, 1]);

    internal static Tensor Logits(double[] p) => Tensor.FromArray(p.Select(q => Math.Log(q / (1 - q))).ToArray(), [p.Length, 1]);

    [Fact]
    public void Binary_FromProbabilities_CountsAboveThreshold()
    {
        Assert.Equal(5.0 / 8, new Accuracy().Compute(Column(Probabilities), Column(Labels)), 12);
        // threshold .75 → predicted 1 0 0 0 1 0 0 0: wrong only at the 2nd and 7th.
        Assert.Equal(6.0 / 8, new Accuracy(threshold: 0.75).Compute(Column(Probabilities), Column(Labels)), 12);
    }

    [Fact]
    public void Binary_FromLogits_MatchesProbabilities()
    {
        Assert.Equal(5.0 / 8, new Accuracy(fromLogits: true).Compute(Logits(Probabilities), Column(Labels)), 12);
        Assert.Equal(6.0 / 8, new Accuracy(0.75, fromLogits: true).Compute(Logits(Probabilities), Column(Labels)), 12);
    }

    [Fact]
    public void Binary_AgreesWithStaticHelper()
    {
        var p = Tensor.FromArray(Probabilities);
        var y = Tensor.FromArray(Labels);
        Assert.Equal(Accuracy.Binary(p, y), new Accuracy().Compute(p, y), 12);
    }

    [Fact]
    public void MultiClass_ArgMaxAgainstInt32LabelsOrOneHot()
    {
        var scores = Tensor.FromArray(new double[,] { { 0.1, 0.7, 0.2 }, { 2, 1, 0 }, { 0, 0, 5 }, { 0.3, 0.3, 0.4 } });
        var labels = Tensor.FromArray(1, 0, 1, 2); // arg-max 1 0 2 2 → 3 of 4
        var oneHot = Tensor.FromArray(new float[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        Assert.Equal(0.75, new Accuracy().Compute(scores, labels), 12);
        Assert.Equal(0.75, new Accuracy().Compute(scores, oneHot), 12);
        Assert.Equal(Accuracy.Categorical(scores, labels), new Accuracy().Compute(scores, labels), 12);
    }

    [Fact]
    public void Accumulation_OverBatches_EqualsOneShot()
    {
        var rng = new Random(3);
        const int n = 97, classes = 4;
        var scores = Enumerable.Range(0, n * classes).Select(_ => rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.Next(classes)).ToArray();
        var metric = new Accuracy();
        int start = 0;
        foreach (int size in new[] { 10, 30, 57 })
        {
            metric.Update(Tensor.FromArray(scores[(start * classes)..((start + size) * classes)], [size, classes]),
                Tensor.FromArray(labels[start..(start + size)]));
            start += size;
        }
        double expected = NaiveClassification.Accuracy(labels, NaiveClassification.ArgMaxRows(scores, classes));
        Assert.Equal(expected, metric.Result(), 12);
        Assert.Equal(expected, new Accuracy().Compute(Tensor.FromArray(scores, [n, classes]), Tensor.FromArray(labels)), 12);
    }

    [Fact]
    public void Reset_ForgetsAndEmptyIsZero()
    {
        var metric = new Accuracy();
        Assert.Equal(0, metric.Result());
        metric.Update(Column(Probabilities), Column(Labels));
        metric.Reset();
        Assert.Equal(0, metric.Result());
        Assert.True(metric.HigherIsBetter);
        Assert.Equal("accuracy", metric.Name);
    }

    [Fact]
    public void BadInputs_FailWithShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Accuracy().Update(Column(Probabilities), Tensor.FromArray(1.0, 0.0)));
        Assert.Contains("[8, 1]", ex.Message);
        var scores = Tensor.FromArray(new double[,] { { 0.1, 0.9 }, { 0.8, 0.2 } });
        Assert.Contains("label 2", Assert.Throws<ArgumentException>(() => new Accuracy().Update(scores, Tensor.FromArray(0, 2))).Message);
    }
}
