using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Training;

/// <summary>Fraction of correct predictions, as an accumulating <see cref="Metric"/> and as one-shot helpers.</summary>
/// <remarks>
/// Binary: predictions [N] or [N, 1] are probabilities of class 1 (logits when <c>fromLogits</c>), predicted 1
/// where above the threshold, against 0/1 targets. Multi-class: predictions [N, C] are scores, predicted by
/// arg-max, against Int32 labels [N] or one-hot targets [N, C].
/// </remarks>
/// <param name="threshold">Binary decision threshold on the probability.</param>
/// <param name="fromLogits">Binary predictions are logits z (predict 1 where σ(z) &gt; threshold, i.e. z &gt; log(t / (1 − t))).</param>
public sealed class Accuracy(double threshold = 0.5, bool fromLogits = false) : ClassificationMetric(threshold, fromLogits)
{
    /// <inheritdoc />
    public override string Name => "accuracy";

    /// <inheritdoc />
    public override double Result() => Matrix.Result();

    /// <summary>Binary accuracy: predict 1 where probability &gt; threshold, compare with 0/1 labels of the same shape.</summary>
    public static double Binary(Tensor probabilities, Tensor labels, double threshold = 0.5)
    {
        if (probabilities.Count != labels.Count)
            throw new ArgumentException($"Accuracy: predictions {probabilities.Shape} and labels {labels.Shape} differ in size.");
        var p = probabilities.ToArray<double>();
        var y = labels.ToArray<double>();
        int correct = 0;
        for (int i = 0; i < p.Length; i++) correct += (p[i] > threshold ? 1 : 0) == (y[i] > 0.5 ? 1 : 0) ? 1 : 0;
        return p.Length == 0 ? 0 : (double)correct / p.Length;
    }

    /// <summary>Multi-class accuracy: arg-max of scores [N, C] against Int32 labels [N].</summary>
    public static double Categorical(Tensor scores, Tensor labels)
    {
        var predicted = scores.ArgMax(-1).ToArray<int>();
        var y = labels.ToArray<int>();
        if (predicted.Length != y.Length)
            throw new ArgumentException($"Accuracy: scores {scores.Shape} and labels {labels.Shape} differ in examples.");
        int correct = 0;
        for (int i = 0; i < y.Length; i++) correct += predicted[i] == y[i] ? 1 : 0;
        return y.Length == 0 ? 0 : (double)correct / y.Length;
    }

    /// <summary>Binary accuracy of a model whose output is a probability, evaluated without recording a graph.</summary>
    public static double Binary(Module model, Tensor x, Tensor labels)
    {
        bool training = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            return Binary(model.Forward(x), labels);
        }
        finally
        {
            model.Train(training);
        }
    }
}
