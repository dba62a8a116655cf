using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Models;

// AlexNet and VGG carry 61M–144M parameters, almost all in the first dense layer, so each test builds its model once
// and checks the count, the names and one training step on it.
public partial class ZooTests
{
    [Fact]
    public void AlexNet_has_61100840_parameters_torchvision_names_and_trains_at_64x64()
    {
        var model = new AlexNet(random: new Random(1));
        Assert.Equal(61_100_840, model.ParameterCount);
        Assert.Equal(["features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias", "features.6.weight", "features.6.bias",
            "features.8.weight", "features.8.bias", "features.10.weight", "features.10.bias", "classifier.1.weight", "classifier.1.bias",
            "classifier.4.weight", "classifier.4.bias", "classifier.6.weight", "classifier.6.bias"], model.NamedParameters().Select(p => p.Name));
        var shapes = ZooAssert.Shapes(model);
        Assert.Equal(new Shape(64, 3, 11, 11), shapes["features.0.weight"]);
        Assert.Equal(new Shape(4096, 9216), shapes["classifier.1.weight"]);
        Assert.Equal(new Shape(1000, 4096), shapes["classifier.6.weight"]);
        // 64 → conv 11/4 pad 2: 15 → pool: 7 → pool: 3 → pool: 1, then the adaptive pool spreads it to 6×6
        ZooAssert.ForwardAndBackward(model, [2, 3, 64, 64], [2, 1000]);
    }

    [Fact]
    public void Vgg16_has_138357544_parameters_torchvision_names_and_trains_at_32x32()
    {
        var model = Vgg.Vgg16(random: new Random(1));
        Assert.Equal(138_357_544, model.ParameterCount);
        var shapes = ZooAssert.Shapes(model);
        Assert.Equal(32, shapes.Count); // 13 convolutions + 3 dense layers, weight and bias each
        Assert.Equal(new Shape(64, 3, 3, 3), shapes["features.0.weight"]);
        Assert.Equal(new Shape(64, 64, 3, 3), shapes["features.2.weight"]);
        Assert.Equal(new Shape(128, 64, 3, 3), shapes["features.5.weight"]);
        Assert.Equal(new Shape(512, 512, 3, 3), shapes["features.28.weight"]);
        Assert.Equal(new Shape(4096, 25088), shapes["classifier.0.weight"]);
        Assert.Equal(new Shape(4096, 4096), shapes["classifier.3.weight"]);
        Assert.Equal(new Shape(1000), shapes["classifier.6.bias"]);
        Assert.Equal(14_714_688, model.Features.ParameterCount); // Keras's VGG16(include_top=False)
        ZooAssert.ForwardAndBackward(model, [2, 3, 32, 32], [2, 1000]);
    }

    [Fact]
    public void Vgg16_with_batch_norm_numbers_its_layers_like_vgg16_bn_and_trains_at_32x32()
    {
        // 138,357,544 + γ and β for 2·64 + 2·128 + 3·256 + 6·512 = 4,224 channels = 138,365,992
        var model = Vgg.Vgg16(batchNorm: true, numClasses: 10, inChannels: 1, random: new Random(1));
        Assert.Equal(138_365_992 - 2 * 9 * 64 - 990 * 4097, model.ParameterCount); // 1 input channel, 10 classes
        var shapes = ZooAssert.Shapes(model);
        Assert.Equal(new Shape(64, 1, 3, 3), shapes["features.0.weight"]);
        Assert.Equal(new Shape(64), shapes["features.1.weight"]);
        Assert.Equal(new Shape(64, 64, 3, 3), shapes["features.3.weight"]);
        Assert.Equal(new Shape(512, 512, 3, 3), shapes["features.40.weight"]);
        Assert.Equal(new Shape(512), shapes["features.41.bias"]);
        Assert.Contains("features.41.running_var", model.NamedBuffers().Select(b => b.Name));
        ZooAssert.ForwardAndBackward(model, [2, 1, 32, 32], [2, 10]);
    }

    // Each case builds a full 133M–144M parameter model (several seconds), so only the extremes are checked here;
    // torchvision's other totals: VGG-13 133,047,848, VGG-11-bn 132,868,840, VGG-19 143,667,240.
    [Theory]
    [InlineData(11, false, 132_863_336)]
    [InlineData(19, true, 143_678_248)]  // 143,667,240 + 2·(2·64 + 2·128 + 4·256 + 8·512) = + 11,008
    public void Vgg_configurations_have_torchvisions_parameter_counts(int depth, bool batchNorm, long expected) =>
        Assert.Equal(expected, new Vgg(depth, batchNorm, random: new Random(1)).ParameterCount);

    [Fact]
    public void Vgg_rejects_an_unknown_depth() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vgg(15));
}
