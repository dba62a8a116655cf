using Dendrite.Models;
using static Dendrite.Tests.Models.ZooSupport;

namespace Dendrite.Tests.Models;

public class MobileNetV1Tests
{
    [Fact]
    public void Has_the_papers_parameter_count()
    {
        // conv weights 864 + 44,640 (depthwise) + 3,139,584 (pointwise); BN γ, β 21,888; classifier 1,025,000
        var m = new MobileNetV1();
        Assert.Equal(4_231_976, m.ParameterCount);
        Assert.Equal(21_888, m.NamedParameters().Where(p => p.Name.Split('.')[^2] == "1").Sum(p => p.Parameter.Count));
        Assert.Equal(1024, m.LastChannels);
    }

    [Fact]
    public void Width_multiplier_thins_every_layer()
    {
        var m = new MobileNetV1(numClasses: 10, widthMultiplier: 0.25);
        Assert.Equal(256, m.LastChannels);
        Assert.Equal(new Shape(8, 3, 3, 3), ShapeOf(m, "features.0.0.weight"));
        Assert.Equal(new Shape(8, 1, 3, 3), ShapeOf(m, "features.1.depthwise.0.weight"));
        Assert.Equal(new Shape(16, 8, 1, 1), ShapeOf(m, "features.1.pointwise.0.weight"));
        Assert.Equal(new Shape(256), ShapeOf(m, "features.13.pointwise.1.bias"));
        Assert.Equal(new Shape(10, 256), ShapeOf(m, "fc.weight"));
        Assert.Equal(14, m.Features.Count);
    }

    [Fact]
    public void Forward_and_backward_on_a_tiny_batch()
    {
        AssertForwardAndBackward(new MobileNetV1(numClasses: 5, widthMultiplier: 0.25, random: new Random(3)), 32, 5);
    }
}
