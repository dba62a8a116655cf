using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tests.Support;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision.StyleTransfer;

/// <summary>The style-transfer loop on a tiny CNN: the whole cost's gradient with respect to the pixels, and a short run.</summary>
public class NeuralStyleTests
{
    // conv 3→4 → tanh (layer 1) → avg-pool 2 → conv 4→6 → tanh (layer 4): smooth, so central differences hold everywhere
    private static Sequential TinyCnn(int seed) => new(
        new Conv2d(3, 4, 3, padding: 1, random: new Random(seed)), new Tanh(), new AvgPool2d(2),
        new Conv2d(4, 6, 3, padding: 1, random: new Random(seed + 1)), new Tanh());

    // A bright square on a dark ground, and vertical stripes: content and style images [1, 3, side, side] in [0, 1].
    private static (Tensor Content, Tensor Style) Images(int side, DType dtype)
    {
        var content = new double[3 * side * side];
        var style = new double[3 * side * side];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    int i = (c * side + y) * side + x;
                    bool inside = y >= side / 4 && y < 3 * side / 4 && x >= side / 4 && x < 3 * side / 4;
                    content[i] = inside ? 0.8 - 0.2 * c : 0.1;
                    style[i] = (x / 2 + c) % 2 == 0 ? 0.9 : 0.2;
                }
        return (Tensor.FromArray(content, [1, 3, side, side]).To(dtype), Tensor.FromArray(style, [1, 3, side, side]).To(dtype));
    }

    [Fact]
    public void The_whole_cost_passes_the_gradient_check_with_respect_to_the_pixels()
    {
        var model = TinyCnn(1).To(DType.Float64);
        var (content, style) = Images(6, DType.Float64);
        var transfer = new NeuralStyle(model, "4", [("1", 0.5), ("4", 0.5)], alpha: 10, beta: 40);
        var image = Gradients.WithGrad(NeuralStyle.InitialImage(content, new Random(2)));
        var result = GradCheck.Run(() => transfer.Cost(image, content, style).Total, [("image", image)]);
        Assert.True(result.Passed, result.ToString());
        // and the pieces add up: J = α·J_content + β·J_style
        var (total, jc, js) = transfer.Cost(image, content, style);
        Assert.Equal(10 * jc.Item() + 40 * js.Item(), total.Item(), 12);
    }

    // ~1 s: 40 steps of forward and backward through a 16×16 image
    [Fact]
    public void Forty_adam_steps_lower_the_cost_keep_the_pixels_in_range_and_leave_the_model_untouched()
    {
        var model = TinyCnn(3);
        var before = model.Parameters().Select(p => p.ToArray<float>()).ToList();
        var (content, style) = Images(16, DType.Float32);
        var transfer = new NeuralStyle(model, "4", [("1", 0.5), ("4", 0.5)]);
        var seen = new List<int>();
        var result = transfer.Run(content, style, steps: 40, new Random(4), learningRate: 0.05, onStep: (k, _) => seen.Add(k));

        Assert.Equal(Enumerable.Range(0, 41), seen);
        Assert.Equal(41, result.TotalCosts.Count);
        double first = result.TotalCosts[0], last = result.TotalCosts[^1];
        // measured: J 0.4103 → 0.1261 (J_style 0.00986 → 0.00120, J_content 0.0016 → 0.0078: the style takes over)
        Assert.True(last < 0.4 * first, $"J fell from {first:G4} to {last:G4}");
        Assert.True(result.StyleCosts[^1] < 0.2 * result.StyleCosts[0], $"J_style {result.StyleCosts[0]:G4} → {result.StyleCosts[^1]:G4}");
        Assert.True(result.ContentCosts[^1] < 0.02, $"J_content ended at {result.ContentCosts[^1]:G4}");
        Assert.All(result.Image.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        Assert.False(result.Image.RequiresGrad);
        Assert.Equal([1, 3, 16, 16], result.Image.Shape.ToArray());

        Assert.True(model.IsTraining);                                         // its mode is restored …
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));      // … and so are its flags
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));              // it never got a gradient
        Assert.Equal(before, model.Parameters().Select(p => p.ToArray<float>()));
    }

    [Fact]
    public void The_starting_image_is_the_content_plus_bounded_noise_clipped_to_the_unit_range()
    {
        var (content, _) = Images(8, DType.Float32);
        var image = NeuralStyle.InitialImage(content, new Random(5)).ToArray<float>();
        var c = content.ToArray<float>();
        Assert.All(image, v => Assert.InRange(v, 0f, 1f));
        for (int i = 0; i < c.Length; i++)
            Assert.InRange(image[i] - c[i], -0.25f - 1e-6f, 0.25f + 1e-6f);
        Assert.Contains(image, v => v == 0f);                                  // the dark ground at 0.1 is clipped somewhere
        Assert.Equal(image, NeuralStyle.InitialImage(content, new Random(5)).ToArray<float>());
    }

    [Fact]
    public void A_style_image_of_another_size_is_compared_per_position()
    {
        // pointwise layers (1×1 convolution, tanh): the style image tiled twice side by side has exactly twice the Gram
        // sums over twice the positions, so once rescaled it sets the same style target as the image itself
        var model = new Sequential(new Conv2d(3, 4, 1, random: new Random(2)), new Tanh()).To(DType.Float64);
        var transfer = new NeuralStyle(model, "1", [("0", 0.5), ("1", 0.5)]);
        var (content, style) = Images(6, DType.Float64);
        var tiled = Tensor.Concat([style, style], axis: 3);
        var generated = NeuralStyle.InitialImage(content, new Random(3));
        Assert.Equal(transfer.Cost(generated, content, style).Style.Item(), transfer.Cost(generated, content, tiled).Style.Item(), 12);
        var error = Assert.Throws<ArgumentException>(() => transfer.Run(content, Tensor.Zeros([1, 1, 6, 6], DType.Float64), 1, new Random(1)));
        Assert.Contains("[1, 1, 6, 6]", error.Message);
    }
}
