using Dendrite.Tests.Support;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision.StyleTransfer;

/// <summary>The course's Gram matrix, content, style and total costs against naive double loops of its formulas, and their gradients.</summary>
public class StyleCostTests
{
    private static Tensor Random4(int n, int c, int h, int w, int seed) => Tensor.Uniform([n, c, h, w], -1, 2, new Random(seed), DType.Float64);

    // G[n, c, c'] = Σ_k a[n, c, k]·a[n, c', k] over the unrolled k = h·W + w
    private static double[,,] NaiveGram(Tensor a)
    {
        int n = a.Shape[0], c = a.Shape[1], h = a.Shape[2], w = a.Shape[3];
        var g = new double[n, c, c];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < c; p++)
                for (int q = 0; q < c; q++)
                    for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++)
                            g[i, p, q] += a.Get(i, p, y, x) * a.Get(i, q, y, x);
        return g;
    }

    // J_content = 1/(4·n_H·n_W·n_C) Σ (a_C − a_G)², averaged over the batch
    private static double NaiveContent(Tensor content, Tensor generated)
    {
        int n = generated.Shape[0], c = generated.Shape[1], h = generated.Shape[2], w = generated.Shape[3];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int p = 0; p < c; p++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        sum += Math.Pow(content.Get(i, p, y, x) - generated.Get(i, p, y, x), 2);
            total += sum / (4.0 * h * w * c);
        }
        return total / n;
    }

    // J_style^[l] = 1/(4·n_C²·(n_H·n_W)²) Σ (G_S − G_G)², averaged over the batch
    private static double NaiveStyle(Tensor style, Tensor generated)
    {
        int n = generated.Shape[0], c = generated.Shape[1], l = generated.Shape[2] * generated.Shape[3];
        double[,,] gs = NaiveGram(style), gg = NaiveGram(generated);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int p = 0; p < c; p++)
                for (int q = 0; q < c; q++) sum += Math.Pow(gs[i, p, q] - gg[i, p, q], 2);
            total += sum / (4.0 * c * c * (double)l * l);
        }
        return total / n;
    }

    [Theory]
    [InlineData(1, 3, 4, 5)]
    [InlineData(2, 4, 3, 3)]
    public void The_gram_matrix_is_a_times_a_transposed_per_image(int n, int c, int h, int w)
    {
        var a = Random4(n, c, h, w, seed: 1);
        var g = GramMatrix.Of(a);
        Assert.Equal([n, c, c], g.Shape.ToArray());
        var expected = NaiveGram(a);
        for (int i = 0; i < n; i++)
            for (int p = 0; p < c; p++)
                for (int q = 0; q < c; q++) Assert.Equal(expected[i, p, q], g.Get(i, p, q), 12);
    }

    [Fact]
    public void A_hand_computed_gram_matrix_and_its_style_cost()
    {
        // channel 0 = [1, 2], channel 1 = [3, 4]: G = [[1+4, 3+8], [3+8, 9+16]] = [[5, 11], [11, 25]]
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);
        Assert.Equal(new double[] { 5, 11, 11, 25 }, GramMatrix.Of(a).ToArray<double>());
        Assert.Equal(new double[] { 5, 11, 11, 25 }, GramMatrix.Of(a.Reshape(2, 2)).ToArray<double>());
        // against zero activations: Σ G² / (4·2²·2²) = (25 + 121 + 121 + 625) / 64
        Assert.Equal(892.0 / 64, StyleCost.Layer(Tensor.ZerosLike(a), a).Item(), 12);
        // content: Σ a² / (4·1·2·2) = 30 / 16
        Assert.Equal(30.0 / 16, ContentCost.Compute(Tensor.ZerosLike(a), a).Item(), 12);
    }

    [Theory]
    [InlineData(1, 3, 4, 4)]
    [InlineData(2, 5, 3, 2)]
    public void Content_and_style_costs_follow_the_courses_normalisations(int n, int c, int h, int w)
    {
        Tensor s = Random4(n, c, h, w, 2), g = Random4(n, c, h, w, 3);
        Assert.Equal(NaiveContent(s, g), ContentCost.Compute(s, g).Item(), 12);
        Assert.Equal(NaiveStyle(s, g), StyleCost.Layer(s, g).Item(), 12);
        Assert.Equal(NaiveStyle(s, g), StyleCost.FromGram(GramMatrix.Of(s), g).Item(), 12);
        Assert.Equal(0, StyleCost.Layer(g, g).Item());
    }

    [Fact]
    public void The_style_cost_weights_its_layers_and_the_total_is_alpha_content_plus_beta_style()
    {
        Tensor s1 = Random4(1, 3, 4, 4, 4), g1 = Random4(1, 3, 4, 4, 5), s2 = Random4(1, 6, 2, 2, 6), g2 = Random4(1, 6, 2, 2, 7);
        double expected = 0.3 * NaiveStyle(s1, g1) + 0.7 * NaiveStyle(s2, g2);
        var style = StyleCost.Weighted([(s1, g1, 0.3), (s2, g2, 0.7)]);
        Assert.Equal(expected, style.Item(), 12);
        var content = ContentCost.Compute(s1, g1);
        Assert.Equal(10 * NaiveContent(s1, g1) + 40 * expected, TotalCost.Compute(content, style).Item(), 10);
        Assert.Equal(2 * NaiveContent(s1, g1) + 5 * expected, TotalCost.Compute(content, style, alpha: 2, beta: 5).Item(), 10);
    }

    [Fact]
    public void One_style_gram_serves_a_batch_of_generated_images()
    {
        Tensor s = Random4(1, 3, 2, 3, 8), g = Random4(2, 3, 2, 3, 9);
        double expected = (NaiveStyle(s, g.Narrow(0, 0, 1)) + NaiveStyle(s, g.Narrow(0, 1, 1))) / 2;
        Assert.Equal(expected, StyleCost.FromGram(GramMatrix.Of(s), g).Item(), 12);
    }

    [Fact]
    public void Mismatched_shapes_fail_with_both_shapes()
    {
        Tensor a = Random4(1, 3, 4, 4, 1), b = Random4(1, 3, 4, 5, 1);
        var content = Assert.Throws<ArgumentException>(() => ContentCost.Compute(a, b));
        Assert.Contains("[1, 3, 4, 4]", content.Message);
        Assert.Contains("[1, 3, 4, 5]", content.Message);
        Assert.Throws<ArgumentException>(() => StyleCost.Layer(a, b));
        var gram = Assert.Throws<ArgumentException>(() => StyleCost.FromGram(GramMatrix.Of(Random4(1, 2, 2, 2, 1)), a));
        Assert.Contains("[1, 2, 2]", gram.Message);
        Assert.Throws<ArgumentException>(() => GramMatrix.Of(Tensor.Zeros([2, 3, 4], DType.Float64)));
        Assert.Throws<ArgumentException>(() => StyleCost.Weighted([]));
        Assert.Throws<ArgumentException>(() => TotalCost.Compute(a, a));
    }

    [Fact]
    public void The_gram_matrix_passes_the_gradient_check()
    {
        Gradients.AssertCorrect(x => GramMatrix.Of(x[0]), Gradients.Leaf([1, 3, 2, 3], 10));
        Gradients.AssertCorrect(x => GramMatrix.Of(x[0]), Gradients.Leaf([2, 3, 3, 2], 11));
        Gradients.AssertCorrect(x => GramMatrix.Of(x[0]), Gradients.Leaf([4, 5], 12));
    }

    [Fact]
    public void Content_style_and_total_costs_pass_the_gradient_check()
    {
        // ∂J_content/∂a_G = −(a_C − a_G) / (2·n_H·n_W·n_C); the style gradient runs through the Gram matrix
        Gradients.AssertCorrect(x => ContentCost.Compute(x[0], x[1]), Gradients.Leaf([2, 3, 2, 2], 13), Gradients.Leaf([2, 3, 2, 2], 14));
        Gradients.AssertCorrect(x => StyleCost.Layer(x[0], x[1]), Gradients.Leaf([1, 3, 3, 2], 15), Gradients.Leaf([1, 3, 3, 2], 16));
        Gradients.AssertCorrect(x => StyleCost.Layer(x[0], x[1]), Gradients.Leaf([2, 2, 2, 3], 17), Gradients.Leaf([2, 2, 2, 3], 18));
        var s = Random4(1, 4, 2, 2, 19);
        Gradients.AssertCorrect(x => TotalCost.Compute(ContentCost.Compute(s, x[0]), StyleCost.Weighted([(s, x[0], 0.4), (s * 0.5, x[0], 0.6)])),
                                Gradients.Leaf([1, 4, 2, 2], 20));
    }
}
