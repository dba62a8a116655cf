using Xunit.Abstractions;
using Dendrite.Models;

namespace Dendrite.Tests.Interop;

/// <summary>
/// Every model of the zoo exported with random weights (and random batch-norm statistics), run in ONNX Runtime on a
/// batch of 3 after tracing with a batch of 1, and compared with Dendrite's forward to 1e-4 at small input sizes.
/// </summary>
public class OnnxZooTests(ITestOutputHelper output)
{
    [Fact]
    public void LeNet5_matches() => OnnxRuntimeCheck.AssertMatches(new LeNet5(inputSize: 32, random: new Random(1)), [1, 32, 32], output, "LeNet5 32×32");

    [Fact]
    public void AlexNet_features_match() => // the classifier's 4096-unit dense layers (220 MB) are the MLP case's ops
        OnnxRuntimeCheck.AssertMatches(new AlexNet(numClasses: 10, random: new Random(1)).Features, [3, 64, 64], output, "AlexNet features 64×64", batch: 2);

    [Fact]
    public void Vgg11_with_batch_norm_features_match() => // the classifier (500 MB of dense weights) is the MLP case's ops
        OnnxRuntimeCheck.AssertMatches(Vgg.Vgg11(batchNorm: true, numClasses: 10, random: new Random(1)).Features, [3, 32, 32], output, "VGG-11-BN features 32×32", batch: 2);

    [Fact]
    public void ResNet18_matches() => OnnxRuntimeCheck.AssertMatches(ResNet.ResNet18(numClasses: 10, random: new Random(1)), [3, 64, 64], output, "ResNet-18 64×64");

    [Fact]
    public void ResNet50_bottlenecks_match() =>
        OnnxRuntimeCheck.AssertMatches(ResNet.ResNet50(numClasses: 10, random: new Random(1)), [3, 64, 64], output, "ResNet-50 64×64", batch: 2, relative: true);

    [Fact]
    public void ResNet20_cifar_matches() => OnnxRuntimeCheck.AssertMatches(ResNetCifar.ResNet20(random: new Random(1)), [3, 32, 32], output, "ResNet-20 32×32");

    [Fact]
    public void GoogLeNet_matches() => OnnxRuntimeCheck.AssertMatches(new GoogLeNet(numClasses: 10, random: new Random(1)), [3, 64, 64], output, "GoogLeNet 64×64", batch: 2);

    [Fact]
    public void MobileNetV1_matches() => OnnxRuntimeCheck.AssertMatches(new MobileNetV1(numClasses: 10, widthMultiplier: 0.5, random: new Random(1)), [3, 64, 64], output, "MobileNetV1 ×0.5 64×64");

    [Fact]
    public void MobileNetV2_matches() => OnnxRuntimeCheck.AssertMatches(new MobileNetV2(numClasses: 10, random: new Random(1)), [3, 64, 64], output, "MobileNetV2 64×64");

    [Fact]
    public void EfficientNetB0_matches() => OnnxRuntimeCheck.AssertMatches(EfficientNet.B0(numClasses: 10, random: new Random(1)), [3, 64, 64], output, "EfficientNet-B0 64×64", batch: 2);

    [Fact]
    public void TinyYolo_matches() => OnnxRuntimeCheck.AssertMatches(new TinyYolo(numClasses: 3, anchors: 2, random: new Random(1)), [3, 64, 64], output, "TinyYolo 64×64");

    [Fact]
    public void UNet_matches() => OnnxRuntimeCheck.AssertMatches(new UNet(3, 4, filters: 8, depth: 3, random: new Random(1)), [3, 32, 32], output, "UNet 32×32");
}
