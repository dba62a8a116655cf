using Dendrite.Models;
using Dendrite.NN;
using static Dendrite.Tests.Models.ZooSupport;

namespace Dendrite.Tests.Models;

public class EfficientNetTests
{
    [Fact]
    public void B0_has_torchvisions_parameter_count_and_names()
    {
        var m = EfficientNet.B0();
        Assert.Equal(5_288_548, m.ParameterCount);
        Assert.Equal(224, m.Resolution);
        Assert.Equal(1280, m.LastChannels);
        Assert.Equal(9, m.Features.Count);
        Assert.Equal(new Shape(32, 3, 3, 3), ShapeOf(m, "features.0.0.weight"));
        // stage 1 (t = 1): depthwise, squeeze-excitation, projection
        Assert.Equal(new Shape(32, 1, 3, 3), ShapeOf(m, "features.1.0.block.0.0.weight"));
        Assert.Equal(new Shape(8, 32, 1, 1), ShapeOf(m, "features.1.0.block.1.fc1.weight"));
        Assert.Equal(new Shape(16, 32, 1, 1), ShapeOf(m, "features.1.0.block.2.0.weight"));
        // stage 2 (t = 6): expansion 16 → 96, 3×3 depthwise, SE 96 → 4 → 96, projection 96 → 24
        Assert.Equal(new Shape(96, 16, 1, 1), ShapeOf(m, "features.2.0.block.0.0.weight"));
        Assert.Equal(new Shape(96, 1, 3, 3), ShapeOf(m, "features.2.0.block.1.0.weight"));
        Assert.Equal(new Shape(4), ShapeOf(m, "features.2.0.block.2.fc1.bias"));
        Assert.Equal(new Shape(96, 4, 1, 1), ShapeOf(m, "features.2.0.block.2.fc2.weight"));
        Assert.Equal(new Shape(24, 96, 1, 1), ShapeOf(m, "features.2.0.block.3.0.weight"));
        Assert.Equal(new Shape(24), ShapeOf(m, "features.2.1.block.3.1.bias"));
        Assert.Equal(new Shape(672, 1, 5, 5), ShapeOf(m, "features.6.0.block.1.0.weight"));
        Assert.Equal(new Shape(1280, 320, 1, 1), ShapeOf(m, "features.8.0.weight"));
        Assert.Equal(new Shape(1000, 1280), ShapeOf(m, "classifier.1.weight"));
        int[] depths = [.. Enumerable.Range(1, 7).Select(i => ((Sequential)m.Features[i]).Count)];
        Assert.Equal([1, 2, 2, 3, 3, 4, 1], depths);
    }

    [Theory]
    [InlineData(1, 7_794_184)]
    [InlineData(2, 9_109_994)]
    [InlineData(3, 12_233_232)]
    [InlineData(4, 19_341_616)]
    [InlineData(5, 30_389_784)]
    [InlineData(6, 43_040_704)]
    public void Scaled_variants_have_torchvisions_parameter_counts(int variant, long expected)
    {
        Assert.Equal(expected, EfficientNet.Create(variant, random: new Random(1)).ParameterCount);
    }

    [Fact]
    public void B7_has_torchvisions_count_rounds_widths_to_multiples_of_8_and_depths_up()
    {
        var m = EfficientNet.B7(random: new Random(1));
        Assert.Equal(66_347_960, m.ParameterCount);
        // width 2.0, depth 3.1: stem 64, stages ⌈n·3.1⌉ = 4, 7, 7, 10, 10, 13, 4; last conv 4·640 = 2560
        int[] depths = [.. Enumerable.Range(1, 7).Select(i => ((Sequential)m.Features[i]).Count)];
        Assert.Equal([4, 7, 7, 10, 10, 13, 4], depths);
        Assert.Equal(2560, m.LastChannels);
        Assert.Equal(600, m.Resolution);
        var bn = (BatchNorm2d)((Sequential)m.Features[0])[1];
        Assert.Equal(0.001, bn.Epsilon);
        Assert.Equal(0.01, bn.Momentum);
    }

    [Fact]
    public void Compound_scaling_follows_alpha_beta_gamma()
    {
        var (depth, width, resolution) = EfficientNet.CompoundScaling(1);
        Assert.Equal((1.2, 1.1, 1.15), (depth, width, resolution));
        (depth, width, resolution) = EfficientNet.CompoundScaling(2);
        Assert.Equal(1.44, depth, 12);
        Assert.Equal(1.21, width, 12);
        Assert.Equal(1.3225, resolution, 12);
        var (a, b, g) = EfficientNet.CompoundScaling(1);
        Assert.InRange(a * b * b * g * g, 1.9, 2.0); // α·β²·γ² = 1.92 ≈ 2: FLOPs double per step of φ
        Assert.Throws<ArgumentOutOfRangeException>(() => EfficientNet.Variant(8));
    }

    [Fact]
    public void Stochastic_depth_drops_whole_examples_in_training_only()
    {
        var sd = new StochasticDepth(0.5, seed: 7);
        var x = Tensor.Ones([64, 2, 2, 2]);
        var y = sd.Forward(x).ToArray<float>();
        for (int n = 0; n < 64; n++)
        {
            var example = y.Skip(8 * n).Take(8).Distinct().ToList();
            Assert.Single(example);
            Assert.Contains(example[0], new[] { 0f, 2f });
        }
        Assert.Contains(0f, y);
        Assert.Contains(2f, y);
        Assert.Equal(1, sd.Draws.Span<int>()[0]);
        sd.Eval();
        Assert.Same(x, sd.Forward(x));
    }

    [Fact]
    public void Forward_and_backward_on_a_tiny_batch()
    {
        // 64×64 leaves the last 5×5 stage at 2×2 (at 32×32 it would be 1×1, which Im2Col.Unfold rejects for now)
        AssertForwardAndBackward(EfficientNet.B0(numClasses: 5, random: new Random(3)), 64, 5);
    }
}
