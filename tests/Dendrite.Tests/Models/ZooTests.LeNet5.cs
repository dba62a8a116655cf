using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Models;

public partial class ZooTests
{
    [Fact]
    public void LeNet5_has_61706_parameters_for_both_input_sizes()
    {
        // conv1 1·6·25 + 6 = 156; conv2 6·16·25 + 16 = 2,416; fc1 400·120 + 120 = 48,120; fc2 120·84 + 84 = 10,164;
        // fc3 84·10 + 10 = 850; total 61,706
        Assert.Equal(61_706, new LeNet5().ParameterCount);
        Assert.Equal(61_706, new LeNet5(inputSize: 32).ParameterCount);
        Assert.Equal(61_706 + 2 * 150, new LeNet5(inChannels: 3, inputSize: 32).ParameterCount);
        Assert.Equal(["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"],
            new LeNet5().NamedParameters().Select(p => p.Name));
    }

    [Theory]
    [InlineData(28)]
    [InlineData(32)]
    public void LeNet5_forward_and_backward(int size) =>
        ZooAssert.ForwardAndBackward(new LeNet5(inputSize: size, random: new Random(3)), [2, 1, size, size], [2, 10]);

    [Fact]
    public void LeNet5_prints_its_tree_and_a_summary_with_output_shapes()
    {
        var model = new LeNet5();
        var text = model.ToString().Replace("\r", "");
        Assert.StartsWith("LeNet5(\n  (conv1): Conv2d(1 => 6, kernel 5, stride 1, padding 2)\n  (relu1): Relu()\n  (pool1): MaxPool2d(kernel 2, stride 2)", text);
        Assert.Contains("(fc3): Dense(84 => 10)", text);
        var summary = model.Summary([4, 1, 28, 28]);
        Assert.Contains("conv1 (Conv2d(1 => 6, kernel 5, stride 1, padding 2))", summary);
        Assert.Contains("[4, 6, 28, 28]", summary);
        Assert.Contains("[4, 6, 14, 14]", summary);
        Assert.Contains("[4, 16, 10, 10]", summary);
        Assert.Contains("[4, 16, 5, 5]", summary);
        Assert.Contains("[4, 400]", summary);
        Assert.Contains("48,120", summary);
        Assert.Contains("[4, 10]", summary);
        Assert.EndsWith("Total params: 61,706", summary);
        Assert.True(model.IsTraining);
    }

    [Fact]
    public void LeNet5_rejects_a_wrong_input_size_naming_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new LeNet5().Forward(Tensor.Zeros([2, 1, 32, 32])));
        Assert.Equal("LeNet5(1×28×28 => 10) expects [N, 1, 28, 28] but got [2, 1, 32, 32].", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(inputSize: 64));
    }
}
