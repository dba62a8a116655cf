using System.Numerics;

namespace Dendrite.Autograd;

/// <summary>Fused, numerically stable losses, each averaged over its elements (or examples) to a scalar.</summary>
internal static class LossOps
{
    /// <summary>mean(max(z, 0) − z·y + log(1 + e^−|z|)): binary cross-entropy of σ(z) without forming σ(z).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        CheckPair(logits, targets, "BinaryCrossEntropyWithLogits");
        var z = logits.Contiguous();
        var t = targets.Contiguous();
        double loss = z.IsFloat64 ? BceLogits<double>(z, t) : BceLogits<float>(z, t);
        var y = Tensor.Scalar(loss, z.DType);
        double n = Math.Max(1, z.Count);
        return Graph.Record(y, "BinaryCrossEntropyWithLogits", [z, t], g =>
        {
            double s = g.Item() / n;
            // ∂/∂z = σ(z) − y,  ∂/∂y = −z
            var dz = z.RequiresGrad ? ScalarOps.Affine(ArithmeticOps.Subtract(UnaryOps.Apply<SigmoidOp>(z), t), s, 0) : null;
            var dt = t.RequiresGrad ? ScalarOps.Affine(z, -s, 0) : null;
            return [dz, dt];
        });
    }

    private static double BceLogits<T>(Tensor z, Tensor y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> zs = z.Span<T>(), ys = y.Span<T>();
        double sum = 0;
        for (int i = 0; i < zs.Length; i++)
        {
            double zi = double.CreateChecked(zs[i]), yi = double.CreateChecked(ys[i]);
            sum += Math.Max(zi, 0) - zi * yi + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
        }
        return sum / Math.Max(1, zs.Length);
    }

    /// <summary>−mean(y·log p + (1 − y)·log(1 − p)), with each log clamped at −100 as PyTorch does, so p = 0 or 1 stays finite.</summary>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor targets)
    {
        CheckPair(probabilities, targets, "BinaryCrossEntropy");
        var p = probabilities.Contiguous();
        var t = targets.Contiguous();
        var y = p.IsFloat64 ? Bce<double>(p, t, out var dp) : Bce<float>(p, t, out dp);
        return Graph.Record(y, "BinaryCrossEntropy", [p, t], g => [p.RequiresGrad ? ScalarOps.Affine(dp, g.Item(), 0) : null, null]);
    }

    private static Tensor Bce<T>(Tensor p, Tensor t, out Tensor gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> ps = p.Span<T>(), ts = t.Span<T>();
        gradient = Tensor.Empty(p.Shape, p.DType);
        Span<T> dp = gradient.Span<T>();
        double n = Math.Max(1, ps.Length), sum = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            double pi = double.CreateChecked(ps[i]), yi = double.CreateChecked(ts[i]);
            sum -= yi * Math.Max(Math.Log(pi), -100) + (1 - yi) * Math.Max(Math.Log(1 - pi), -100);
            // ∂/∂p = (p − y) / (p(1 − p)), guarded away from 0
            dp[i] = T.CreateChecked((pi - yi) / Math.Max(pi * (1 - pi), 1e-12) / n);
        }
        return Tensor.Scalar(sum / n, p.DType);
    }

    /// <summary>
    /// Softmax cross-entropy −mean over N of log softmax(z)[label], for logits [N, C] and Int32 class indices [N];
    /// or −mean over N of Σ_c t·log softmax(z) for float targets [N, C] (one-hot or probabilities).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, int? ignoreIndex = null)
    {
        logits.RequireFloatingPoint("CrossEntropy");
        if (logits.Rank != 2) throw new ArgumentException($"CrossEntropy expects logits [N, C] but got {logits.Shape}.");
        int rows = logits.Shape[0], classes = logits.Shape[1];
        var logp = SoftmaxOps.LogSoftmax(logits.Detach(), -1);
        Tensor weights; // w[i, c] such that loss = −Σ w·log p / N
        if (targets.DType == DType.Int32)
        {
            if (targets.Shape != new Shape(rows))
                throw new ArgumentException($"CrossEntropy: labels must be [{rows}] for logits {logits.Shape} but are {targets.Shape}.");
            weights = OneHot(targets, classes, logits.DType, ignoreIndex);
        }
        else
        {
            CheckPair(logits, targets, "CrossEntropy");
            weights = targets.Contiguous();
        }
        double n = Math.Max(1, ignoreIndex is int ignored && targets.DType == DType.Int32 ? CountOther(targets.Contiguous().Span<int>(), ignored) : rows);
        double loss;
        using (GradMode.NoGrad())
            loss = -ReductionOps.Sum(ArithmeticOps.Multiply(weights, logp)).Item() / n;
        var y = Tensor.Scalar(loss, logits.DType);
        return Graph.Record(y, "CrossEntropy", [logits], g =>
        {
            // ∂/∂z = softmax(z)·Σ_c w − w  (= softmax − one-hot for class labels)
            var p = UnaryOps.Apply<ExpOp>(logp);
            var total = ReductionOps.Sum(weights, 1, keepDim: true);
            return [ScalarOps.Affine(ArithmeticOps.Subtract(ArithmeticOps.Multiply(p, total), weights), g.Item() / n, 0)];
        });
    }

    /// <summary>[N] class indices → [N, C] one-hot rows (all zero for <paramref name="ignoreIndex"/>), with a clear error for out-of-range labels.</summary>
    public static Tensor OneHot(Tensor labels, int classes, DType dtype, int? ignoreIndex = null)
    {
        var idx = labels.Contiguous().Span<int>();
        var result = Tensor.Zeros([idx.Length, classes], DType.Float64);
        var r = result.Span<double>();
        for (int i = 0; i < idx.Length; i++)
        {
            if (idx[i] == ignoreIndex) continue;
            if ((uint)idx[i] >= (uint)classes)
                throw new ArgumentException($"Label {idx[i]} at position {i} is outside [0, {classes}).");
            r[i * classes + idx[i]] = 1;
        }
        return ViewOps.To(result, dtype);
    }

    /// <summary>mean((ŷ − y)²).</summary>
    public static Tensor MeanSquaredError(Tensor predictions, Tensor targets)
    {
        CheckPair(predictions, targets, "MeanSquaredError");
        Tensor diff;
        double loss;
        using (GradMode.NoGrad())
        {
            diff = ArithmeticOps.Subtract(predictions, targets);
            loss = ReductionOps.Sum(ScalarOps.Pow(diff, 2)).Item() / Math.Max(1, diff.Count);
        }
        var y = Tensor.Scalar(loss, predictions.DType);
        double n = Math.Max(1, diff.Count);
        // ∂/∂ŷ = 2(ŷ − y)/n, ∂/∂y = −2(ŷ − y)/n
        return Graph.Record(y, "MeanSquaredError", [predictions, targets], g =>
            [ScalarOps.Affine(diff, 2 * g.Item() / n, 0), targets.RequiresGrad ? ScalarOps.Affine(diff, -2 * g.Item() / n, 0) : null]);
    }

    private static void CheckPair(Tensor prediction, Tensor target, string loss)
    {
        prediction.RequireFloatingPoint(loss);
        if (prediction.Shape != target.Shape)
            throw new ArgumentException($"{loss}: predictions {prediction.Shape} and targets {target.Shape} must have the same shape.");
        Tensor.RequireSameDType(prediction, target, loss);
    }

    /// <summary>The labels that are not <paramref name="ignored"/>.</summary>
    private static int CountOther(ReadOnlySpan<int> labels, int ignored)
    {
        int count = 0;
        foreach (int label in labels) count += label != ignored ? 1 : 0;
        return count;
    }
}
