using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Models;

public partial class ZooTests
{
    [Theory]
    [InlineData(18, 11_689_512)]
    [InlineData(34, 21_797_672)]
    [InlineData(50, 25_557_032)]
    public void ResNet_has_the_published_parameter_count(int depth, long expected)
    {
        var model = depth switch { 18 => ResNet.ResNet18(), 34 => ResNet.ResNet34(), _ => ResNet.ResNet50() };
        Assert.Equal(expected, model.ParameterCount);
    }

    [Fact]
    public void ResNet18_names_match_torchvision()
    {
        var model = ResNet.ResNet18(random: new Random(1));
        var names = model.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(["conv1.weight", "bn1.weight", "bn1.bias", "layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.bias",
            "layer1.0.conv2.weight", "layer1.0.bn2.weight", "layer1.0.bn2.bias"], names.Take(9));
        Assert.Equal(["fc.weight", "fc.bias"], names.TakeLast(2));
        Assert.Equal(62, names.Count); // torchvision's resnet18().named_parameters() has 62 entries
        var shapes = ZooAssert.Shapes(model);
        Assert.Equal(new Shape(64, 3, 7, 7), shapes["conv1.weight"]);
        Assert.Equal(new Shape(128, 64, 1, 1), shapes["layer2.0.downsample.0.weight"]);
        Assert.Equal(new Shape(128), shapes["layer2.0.downsample.1.weight"]);
        Assert.Equal(new Shape(512, 512, 3, 3), shapes["layer4.1.conv2.weight"]);
        Assert.Equal(new Shape(1000, 512), shapes["fc.weight"]);
        Assert.False(shapes.ContainsKey("layer1.0.downsample.0.weight"));
        var buffers = model.NamedBuffers().Select(b => b.Name).ToList();
        Assert.Equal(["bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked"], buffers.Take(3));
        Assert.Contains("layer3.0.downsample.1.running_var", buffers);
        Assert.Equal(60, buffers.Count); // 20 batch norms × 3 buffers; torchvision's state_dict has 62 + 60 = 122 entries
    }

    [Fact]
    public void ResNet50_names_match_torchvision()
    {
        var shapes = ZooAssert.Shapes(ResNet.ResNet50(numClasses: 10, random: new Random(1)));
        Assert.Equal(new Shape(64, 64, 1, 1), shapes["layer1.0.conv1.weight"]);
        Assert.Equal(new Shape(64, 64, 3, 3), shapes["layer1.0.conv2.weight"]);
        Assert.Equal(new Shape(256, 64, 1, 1), shapes["layer1.0.conv3.weight"]);
        Assert.Equal(new Shape(256, 64, 1, 1), shapes["layer1.0.downsample.0.weight"]);
        Assert.Equal(new Shape(512, 256, 1, 1), shapes["layer2.0.downsample.0.weight"]);
        Assert.Equal(new Shape(1024), shapes["layer3.5.bn3.bias"]);
        Assert.Equal(new Shape(2048), shapes["layer4.2.bn3.weight"]);
        Assert.Equal(new Shape(10, 2048), shapes["fc.weight"]);
        Assert.Equal(161, shapes.Count); // torchvision's resnet50 has 161 parameter tensors
    }

    [Fact]
    public void ResNet18_forward_and_backward_on_64x64() =>
        ZooAssert.ForwardAndBackward(ResNet.ResNet18(numClasses: 10, random: new Random(1)), [2, 3, 64, 64], [2, 10]);

    [Fact]
    public void ResNet50_forward_and_backward_on_64x64_with_one_input_channel() =>
        ZooAssert.ForwardAndBackward(ResNet.ResNet50(numClasses: 5, inChannels: 1, random: new Random(1)), [2, 1, 64, 64], [2, 5]);

    [Fact]
    public void ResNet_summary_lists_the_stages_with_their_output_shapes()
    {
        var summary = ResNet.ResNet18(numClasses: 10, random: new Random(1)).Summary([1, 3, 64, 64]);
        Assert.Contains("maxpool", summary);
        Assert.Contains("[1, 64, 16, 16]", summary);
        Assert.Contains("[1, 512, 2, 2]", summary);
        Assert.Contains("[1, 10]", summary);
    }

    [Fact]
    public void ResNet20_has_272474_parameters_with_option_B_shortcuts()
    {
        // conv1 3·16·9 = 432, bn1 32
        // layer1: 3 blocks × (2 · 16·16·9 + 2 · 32) = 3 × 4,672 = 14,016
        // layer2: first block 16·32·9 + 32·32·9 + 2·64 + projection 16·32 + 64 = 14,528; 2 × (2 · 32·32·9 + 2·64) = 37,120 → 51,648
        // layer3: first block 32·64·9 + 64·64·9 + 2·128 + projection 32·64 + 128 = 57,728; 2 × (2 · 64·64·9 + 2·128) = 147,968 → 205,696
        // fc 64·10 + 10 = 650; total 272,474 (the paper's option A has no projections: 272,474 − 2,752 = 269,722 ≈ 0.27M)
        var model = ResNetCifar.ResNet20(random: new Random(1));
        Assert.Equal(272_474, model.ParameterCount);
        Assert.Equal(20, model.Depth);
        var shapes = ZooAssert.Shapes(model);
        Assert.Equal(new Shape(16, 3, 3, 3), shapes["conv1.weight"]);
        Assert.Equal(new Shape(32, 16, 1, 1), shapes["layer2.0.downsample.0.weight"]);
        Assert.Equal(new Shape(64, 64, 3, 3), shapes["layer3.2.conv2.weight"]);
        Assert.False(shapes.ContainsKey("layer1.0.downsample.0.weight"));
        Assert.Equal(56, ResNetCifar.ResNet56().Depth);
    }

    [Fact]
    public void ResNet20_forward_and_backward_on_cifar_and_fashion_mnist_shapes()
    {
        ZooAssert.ForwardAndBackward(ResNetCifar.ResNet20(random: new Random(1)), [2, 3, 32, 32], [2, 10]);
        ZooAssert.ForwardAndBackward(ResNetCifar.ResNet20(inChannels: 1, random: new Random(1)), [2, 1, 28, 28], [2, 10]);
    }

    [Fact]
    public void Residual_blocks_keep_or_project_the_shortcut()
    {
        var identity = new BasicBlock(16, 16, random: new Random(1));
        Assert.Null(identity.Downsample);
        Assert.Equal(new Shape(2, 16, 8, 8), identity.Forward(Tensor.Normal([2, 16, 8, 8], 0, 1, new Random(2))).Shape);
        var projection = new Bottleneck(16, 8, stride: 2, random: new Random(1));
        Assert.NotNull(projection.Downsample);
        Assert.Equal(new Shape(2, 32, 4, 4), projection.Forward(Tensor.Normal([2, 16, 8, 8], 0, 1, new Random(2))).Shape);
    }
}
