using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class LogLossTests
{
    // scikit-learn's documented example: log_loss(["spam", "ham", "ham", "spam"],
    // [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) = 0.21616..., i.e. −(ln .9 + ln .9 + ln .8 + ln .65) / 4.
    private static readonly double Expected = -(Math.Log(0.9) + Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.65)) / 4;
    private static readonly double[,] Probabilities = { { 0.1, 0.9 }, { 0.9, 0.1 }, { 0.8, 0.2 }, { 0.35, 0.65 } };
    private static readonly int[] Labels = [1, 0, 0, 1]; // ham = 0, spam = 1

    [Fact]
    public void Categorical_ScikitLearnExample()
    {
        Assert.Equal(0.21616187468057912, Expected, 15);
        Assert.Equal(Expected, new LogLoss().Compute(Tensor.FromArray(Probabilities), Tensor.FromArray(Labels)), 12);
        var oneHot = Tensor.FromArray(new double[,] { { 0, 1 }, { 1, 0 }, { 1, 0 }, { 0, 1 } });
        Assert.Equal(Expected, new LogLoss().Compute(Tensor.FromArray(Probabilities), oneHot), 12);
    }

    [Fact]
    public void Binary_SameExampleAsProbabilityOfClassOne()
    {
        var p = Tensor.FromArray([0.9, 0.1, 0.2, 0.65], [4, 1]);
        var y = Tensor.FromArray([1.0, 0, 0, 1], [4, 1]);
        Assert.Equal(Expected, new LogLoss().Compute(p, y), 12);
    }

    [Fact]
    public void FromLogits_AppliesSigmoidOrSoftmax()
    {
        var z = Tensor.FromArray(new[] { 0.9, 0.1, 0.2, 0.65 }.Select(q => Math.Log(q / (1 - q))).ToArray());
        Assert.Equal(Expected, new LogLoss(fromLogits: true).Compute(z, Tensor.FromArray(1.0, 0, 0, 1)), 12);
        // ln p as logits: softmax(ln p) = p because each row sums to 1; a constant shift changes nothing.
        var logits = new double[4, 2];
        for (int i = 0; i < 4; i++)
            for (int c = 0; c < 2; c++) logits[i, c] = Math.Log(Probabilities[i, c]) + 3 * i;
        Assert.Equal(Expected, new LogLoss(fromLogits: true).Compute(Tensor.FromArray(logits), Tensor.FromArray(Labels)), 12);
    }

    [Fact]
    public void ConfidentMistakes_AreClampedToMachineEpsilon()
    {
        // p = 0 for a positive and p = 1 for a negative: each costs −ln ε, ε = 2⁻⁵² (float64) or 2⁻²³ (float32).
        var y = Tensor.FromArray(1.0, 0.0);
        Assert.Equal(52 * Math.Log(2), new LogLoss().Compute(Tensor.FromArray(0.0, 1.0), y), 9);
        Assert.Equal(23 * Math.Log(2), new LogLoss().Compute(Tensor.FromArray(0f, 1f), y), 9);
        // ε = 1e-15 (scikit-learn's old default); 1 − (1 − ε) rounds in float64, as it does in numpy.
        double old = -(Math.Log(1e-15) + Math.Log(1 - (1 - 1e-15))) / 2;
        Assert.Equal(old, new LogLoss(epsilon: 1e-15).Compute(Tensor.FromArray(0.0, 1.0), y), 9);
        var categorical = Tensor.FromArray(new double[,] { { 1, 0 } });
        Assert.Equal(52 * Math.Log(2), new LogLoss().Compute(categorical, Tensor.FromArray(1)), 9);
    }

    [Fact]
    public void Accumulation_OverBatches_EqualsOneShot()
    {
        var rng = new Random(11);
        const int n = 50, classes = 3;
        var p = new double[n * classes];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextDouble() + 0.01, b = rng.NextDouble() + 0.01, c = rng.NextDouble() + 0.01;
            (p[3 * i], p[3 * i + 1], p[3 * i + 2]) = (a / (a + b + c), b / (a + b + c), c / (a + b + c));
        }
        var labels = Enumerable.Range(0, n).Select(_ => rng.Next(classes)).ToArray();
        double naive = -Enumerable.Range(0, n).Average(i => Math.Log(p[i * classes + labels[i]]));
        var metric = new LogLoss();
        metric.Update(Tensor.FromArray(p[..(17 * classes)], [17, classes]), Tensor.FromArray(labels[..17]));
        metric.Update(Tensor.FromArray(p[(17 * classes)..], [n - 17, classes]), Tensor.FromArray(labels[17..]));
        Assert.Equal(naive, metric.Result(), 12);
        Assert.Equal(naive, new LogLoss().Compute(Tensor.FromArray(p, [n, classes]), Tensor.FromArray(labels)), 12);
        Assert.False(metric.HigherIsBetter);
    }
}
