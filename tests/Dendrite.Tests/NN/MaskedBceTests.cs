using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.NN;

/// <summary>Multi-task binary cross-entropy with missing labels against a naive double loop over the known labels.</summary>
public class MaskedBceTests
{
    private static readonly double[] Targets = [1, 0, double.NaN, 1, -1, 0, 0, 1, double.NaN, 1, 1, 0];

    /// <summary>Σ over known labels of the logistic loss, divided by their count, and its derivative — written independently.</summary>
    private static (double Loss, double[] Gradient) Reference(double[] z, double[] y)
    {
        int known = y.Count(v => !double.IsNaN(v) && v != -1);
        double loss = 0;
        var grad = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            if (double.IsNaN(y[i]) || y[i] == -1) continue;
            double p = 1 / (1 + Math.Exp(-z[i]));
            loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
            grad[i] = (p - y[i]) / known;
        }
        return (loss / known, grad);
    }

    [Fact]
    public void Loss_and_gradient_cover_the_known_labels_only()
    {
        var z = Tensor.Uniform([3, 4], -3, 3, new Random(1), DType.Float64);
        z.RequiresGrad = true;
        var loss = Loss.MaskedBinaryCrossEntropyWithLogits(z, Tensor.FromArray(Targets, [3, 4]));
        loss.Backward();
        var (expected, gradient) = Reference(z.ToArray<double>(), Targets);
        Assert.Equal(expected, loss.Item(), 12);
        Naive.AssertClose(gradient, z.Grad!.ToArray<double>(), 1e-12);
        Assert.Equal(0, z.Grad!.ToArray<double>()[2]);   // NaN label: no gradient
        Assert.Equal(0, z.Grad!.ToArray<double>()[4]);   // −1 label: no gradient
    }

    [Fact]
    public void A_missing_label_leaves_the_other_labels_gradients_as_if_its_term_were_not_there()
    {
        // Hiding label 0 of example 0 must change nothing but that entry and the normalization over the known labels.
        var z = Tensor.Uniform([3, 4], -3, 3, new Random(2), DType.Float64);
        double[] Gradient(double[] targets)
        {
            var logits = z.Detach();
            logits.RequiresGrad = true;
            Loss.MaskedBinaryCrossEntropyWithLogits(logits, Tensor.FromArray(targets, [3, 4])).Backward();
            return logits.Grad!.ToArray<double>();
        }
        var all = Targets.Select(v => double.IsNaN(v) || v == -1 ? 0 : v).ToArray();     // 12 known labels
        var hidden = (double[])all.Clone();
        hidden[0] = double.NaN;                                                         // 11 known labels
        var a = Gradient(all);
        var b = Gradient(hidden);
        Assert.Equal(0, b[0]);
        for (int i = 1; i < 12; i++) Assert.Equal(a[i] * 12 / 11, b[i], 12);
        // and the value under a missing marker is irrelevant: −1 and NaN are the same
        var minusOne = (double[])all.Clone();
        minusOne[0] = -1;
        Assert.Equal(b, Gradient(minusOne));
    }

    [Fact]
    public void Passes_the_gradient_check_and_gives_zero_when_nothing_is_labelled()
    {
        var z = Tensor.Uniform([3, 4], -2, 2, new Random(3), DType.Float64);
        z.RequiresGrad = true;
        var t = Tensor.FromArray(Targets, [3, 4]);
        var result = GradCheck.Run(() => Loss.MaskedBinaryCrossEntropyWithLogits(z, t), [("z", z)]);
        Assert.True(result.Passed, result.ToString());
        var none = Loss.MaskedBinaryCrossEntropyWithLogits(z, Tensor.Full([3, 4], double.NaN, DType.Float64));
        Assert.Equal(0, none.Item());
        var e = Assert.Throws<ArgumentException>(() => Loss.MaskedBinaryCrossEntropyWithLogits(z, Tensor.Zeros([4, 3], DType.Float64)));
        Assert.Contains("[3, 4]", e.Message);
    }

    [Fact]
    public void Shape_scenes_label_the_shapes_they_draw_and_hide_the_requested_share()
    {
        var (x, y) = ShapeScenes.Generate(2000, seed: 4, missing: 0.3);
        Assert.Equal([2000, 1, 16, 16], x.Shape.ToArray());
        var labels = y.ToArray<float>();
        double hidden = labels.Count(float.IsNaN) / (double)labels.Length;
        Assert.InRange(hidden, 0.27, 0.33);
        Assert.All(labels.Where(v => !float.IsNaN(v)), v => Assert.True(v is 0 or 1));
        var (clean, cleanY) = ShapeScenes.Generate(200, seed: 5);
        var pixels = clean.ToArray<float>();
        var present = cleanY.ToArray<float>();
        for (int i = 0; i < 200; i++)
        {
            int bright = pixels.Skip(i * 256).Take(256).Count(p => p >= 0.6f);
            Assert.Equal(present.Skip(i * 4).Take(4).All(v => v == 0), bright == 0); // a shape is there exactly when bright pixels are
        }
        Assert.Equal(pixels, ShapeScenes.Generate(200, seed: 5).X.ToArray<float>());
    }
}
