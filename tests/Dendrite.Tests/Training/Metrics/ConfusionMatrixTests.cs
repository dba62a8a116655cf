using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class ConfusionMatrixTests
{
    [Fact]
    public void Binary_RowsAreTrueClasses()
    {
        var m = new ConfusionMatrix();
        m.Update(AccuracyMetricTests.Column(AccuracyMetricTests.Probabilities), AccuracyMetricTests.Column(AccuracyMetricTests.Labels));
        Assert.Equal(new long[,] { { 2, 2 }, { 1, 3 } }, m.Counts); // [[TN, FP], [FN, TP]]
        Assert.Equal(3, m.TruePositives(1));
        Assert.Equal(2, m.FalsePositives(1));
        Assert.Equal(1, m.FalseNegatives(1));
        Assert.Equal(8, m.Total);
        Assert.Equal(5.0 / 8, m.Result(), 12);
    }

    [Fact]
    public void MultiClass_CountsAccumulateOverBatches()
    {
        var scores = Tensor.FromArray(new double[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 } });
        var labels = Tensor.FromArray(0, 1, 2, 0, 1, 2);
        var m = new ConfusionMatrix();
        m.Update(scores.Narrow(0, 0, 2), labels.Narrow(0, 0, 2));
        m.Update(scores.Narrow(0, 2, 4), labels.Narrow(0, 2, 4));
        Assert.Equal(new long[,] { { 2, 0, 0 }, { 1, 0, 1 }, { 0, 2, 0 } }, m.Counts);
        var oneShot = new ConfusionMatrix(3);
        oneShot.Update(scores, labels);
        Assert.Equal(oneShot.Counts, m.Counts);
        m.Reset();
        Assert.Equal(0, m.Total);
        Assert.Equal(0, m.Result());
    }

    [Fact]
    public void ToString_IsATable()
    {
        var m = new ConfusionMatrix(3);
        m.Add([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
        string expected = string.Join(Environment.NewLine,
            "true \\ pred  0  1  2",
            "          0  2  0  0",
            "          1  1  0  1",
            "          2  0  2  0");
        Assert.Equal(expected, m.ToString());
        var named = new ConfusionMatrix(classNames: ["cat", "dog"]);
        named.Add([0, 0, 1], [0, 1, 1]);
        Assert.Equal(string.Join(Environment.NewLine,
            "true \\ pred  cat  dog",
            "        cat    1    1",
            "        dog    0    1"), named.ToString());
    }

    [Fact]
    public void ClassCountMismatch_Fails()
    {
        var m = new ConfusionMatrix(3);
        var ex = Assert.Throws<ArgumentException>(() => m.Update(Tensor.FromArray(0.2, 0.9), Tensor.FromArray(0.0, 1.0)));
        Assert.Contains("3 classes", ex.Message);
    }
}
