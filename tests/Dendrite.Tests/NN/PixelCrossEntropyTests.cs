using Dendrite.NN;
using Dendrite.Tests.Support;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

/// <summary>Loss.CrossEntropy on logits [N, C, H, W] and labels [N, H, W] against naive double loops, as nn.CrossEntropyLoss.</summary>
public class PixelCrossEntropyTests
{
    /// <summary>Naive −(1/M)·Σ log softmax over channels at each counted pixel, and its gradient (p − onehot)/M.</summary>
    private static (double Loss, double[] Grad) Reference(double[] z, int[] y, int n, int c, int positions, int ignore)
    {
        double sum = 0;
        int m = 0;
        var grad = new double[z.Length];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < positions; p++)
            {
                if (y[i * positions + p] == ignore) continue;
                m++;
                double max = double.NegativeInfinity;
                for (int k = 0; k < c; k++) max = Math.Max(max, z[(i * c + k) * positions + p]);
                double s = 0;
                for (int k = 0; k < c; k++) s += Math.Exp(z[(i * c + k) * positions + p] - max);
                double lse = max + Math.Log(s);
                sum += lse - z[(i * c + y[i * positions + p]) * positions + p];
                for (int k = 0; k < c; k++)
                    grad[(i * c + k) * positions + p] = Math.Exp(z[(i * c + k) * positions + p] - lse) - (k == y[i * positions + p] ? 1 : 0);
            }
        for (int j = 0; j < grad.Length; j++) grad[j] /= Math.Max(1, m);
        return (sum / Math.Max(1, m), grad);
    }

    private static int[] Labels(int count, int classes, int seed, int ignore = -100, double ignoredShare = 0)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => r.NextDouble() < ignoredShare ? ignore : r.Next(classes))];
    }

    [Theory]
    [InlineData(2, 4, 3, 5, -100, 0.0)]
    [InlineData(3, 2, 7, 1, -100, 0.0)]
    [InlineData(2, 5, 6, 6, 255, 0.3)]
    [InlineData(1, 3, 4, 4, 0, 0.0)]
    public void Loss_and_gradient_equal_a_naive_per_pixel_reference(int n, int c, int h, int w, int ignore, double ignoredShare)
    {
        var logits = Leaf([n, c, h, w], 7, -4, 4);
        int[] y = Labels(n * h * w, c, 8, ignore, ignoredShare);
        var labels = Tensor.FromArray(y, [n, h, w]);
        var (expected, grad) = Reference(logits.ToArray<double>(), y, n, c, h * w, ignore);
        var loss = Loss.CrossEntropy(logits, labels, ignore);
        Assert.Equal(expected, loss.Item(), 1e-12);
        loss.Backward();
        Naive.AssertClose(grad, logits.Grad!.ToArray<double>(), 1e-12);

        // float labels holding class numbers give the same loss; float32 logits agree to single precision
        Assert.Equal(expected, Loss.CrossEntropy(logits.Detach(), labels.To(DType.Float32), ignore).Item(), 1e-12);
        Assert.Equal(expected, Loss.CrossEntropy(logits.Detach().To(DType.Float32), labels, ignore).Item(), 1e-5);
    }

    [Fact]
    public void Gradient_check_in_float64_with_ignored_pixels()
    {
        var labels = Tensor.FromArray(Labels(2 * 3 * 4, 3, 9, -1, 0.25), [2, 3, 4]);
        AssertCorrect(t => Loss.CrossEntropy(t[0], labels, -1), Leaf([2, 3, 3, 4], 10));
        AssertCorrect(t => Loss.CrossEntropy(t[0], Tensor.FromArray(Labels(2 * 5, 4, 11), [2, 5])), Leaf([2, 4, 5], 12));
    }

    [Fact]
    public void Equals_the_row_cross_entropy_of_the_pixels_as_rows()
    {
        // [N, C, H, W] → [N·H·W, C] with the channels last: the same mean over rows
        var logits = Tensor.Uniform([2, 3, 2, 2], -3, 3, new Random(13), DType.Float64);
        int[] y = Labels(8, 3, 14);
        var rows = logits.Permute(0, 2, 3, 1).Reshape(8, 3);
        Assert.Equal(Loss.CrossEntropy(rows, Tensor.FromArray(y, [8])).Item(), Loss.CrossEntropy(logits, Tensor.FromArray(y, [2, 2, 2])).Item(), 1e-12);
    }

    [Fact]
    public void Wrong_labels_fail_with_both_shapes()
    {
        var logits = Tensor.Zeros([2, 3, 4, 4]);
        var e = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(logits, Tensor.Zeros([2, 4, 5], DType.Int32)));
        Assert.Contains("[2, 3, 4, 4]", e.Message);
        Assert.Contains("[2, 4, 5]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(logits, Tensor.Full([2, 4, 4], 3, DType.Int32)));
        Assert.Contains("outside [0, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(logits, Tensor.Full([2, 4, 4], 0.5, DType.Float32)));
        // every pixel ignored: zero loss and zero gradient, not NaN
        Assert.Equal(0, Loss.CrossEntropy(logits, Tensor.Full([2, 4, 4], -100, DType.Int32), -100).Item());
    }
}
