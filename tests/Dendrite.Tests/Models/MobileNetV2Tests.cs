using Dendrite.Models;
using static Dendrite.Tests.Models.ZooSupport;

namespace Dendrite.Tests.Models;

public class MobileNetV2Tests
{
    [Fact]
    public void Has_torchvisions_parameter_count_and_residuals()
    {
        var m = new MobileNetV2();
        Assert.Equal(3_504_872, m.ParameterCount);
        var blocks = m.Features.Layers.OfType<InvertedResidual>().ToList();
        Assert.Equal(17, blocks.Count);
        Assert.Equal(10, blocks.Count(b => b.UsesResidual)); // n − 1 per stage: 0 + 1 + 2 + 3 + 2 + 2 + 0
    }

    [Fact]
    public void Parameter_names_and_shapes_match_torchvision()
    {
        var m = new MobileNetV2(numClasses: 10, widthMultiplier: 0.5);
        var names = m.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal("features.0.0.weight", names[0]);
        Assert.Equal("classifier.1.bias", names[^1]);
        // α = 0.5: stem 16, first block t = 1 (no expansion), then 16 → 96 hidden → 16 (24·0.5 = 12 rounds to 16)
        Assert.Equal(new Shape(16, 3, 3, 3), ShapeOf(m, "features.0.0.weight"));
        Assert.Equal(new Shape(16, 1, 3, 3), ShapeOf(m, "features.1.conv.0.0.weight"));
        Assert.Equal(new Shape(8, 16, 1, 1), ShapeOf(m, "features.1.conv.1.weight"));
        Assert.Equal(new Shape(8), ShapeOf(m, "features.1.conv.2.weight"));
        Assert.Equal(new Shape(48, 8, 1, 1), ShapeOf(m, "features.2.conv.0.0.weight"));
        Assert.Equal(new Shape(48, 1, 3, 3), ShapeOf(m, "features.2.conv.1.0.weight"));
        Assert.Equal(new Shape(16, 48, 1, 1), ShapeOf(m, "features.2.conv.2.weight"));
        Assert.Equal(new Shape(16), ShapeOf(m, "features.2.conv.3.bias"));
        Assert.Equal(new Shape(1280, 160, 1, 1), ShapeOf(m, "features.18.0.weight"));
        Assert.Equal(new Shape(10, 1280), ShapeOf(m, "classifier.1.weight"));
        Assert.Contains(m.NamedBuffers(), b => b.Name == "features.18.1.running_var");
        Assert.Equal(19, m.Features.Count);
    }

    [Fact]
    public void Make_divisible_rounds_like_torchvision()
    {
        Assert.Equal(8, MobileNetV2.MakeDivisible(32 * 0.25));
        Assert.Equal(16, MobileNetV2.MakeDivisible(12));      // 12 + 4 → 16
        Assert.Equal(8, MobileNetV2.MakeDivisible(3));        // never below the divisor
        Assert.Equal(48, MobileNetV2.MakeDivisible(40 * 1.1)); // ⌊(44 + 4)/8⌋·8
        Assert.Equal(32, MobileNetV2.MakeDivisible(32 * 1.1)); // 35.2 rounds down to 32, within 10%
        Assert.Equal(32, MobileNetV2.MakeDivisible(23, 16));   // 16 would lose more than 10%, so one more step
    }

    [Fact]
    public void A_narrow_network_adds_a_residual_where_widths_round_equal()
    {
        // at α = 0.25 the stem and the first block both round to 8 channels, so that block is residual too
        var m = new MobileNetV2(widthMultiplier: 0.25);
        Assert.Equal(11, m.Features.Layers.OfType<InvertedResidual>().Count(b => b.UsesResidual));
    }

    [Fact]
    public void Forward_and_backward_on_a_tiny_batch()
    {
        AssertForwardAndBackward(new MobileNetV2(numClasses: 5, widthMultiplier: 0.25, random: new Random(3)), 32, 5);
    }
}
