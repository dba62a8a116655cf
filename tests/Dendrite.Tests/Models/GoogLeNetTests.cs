using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;
using static Dendrite.Tests.Models.ZooSupport;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Models;

public class GoogLeNetTests
{
    [Fact]
    public void Has_torchvisions_parameter_count_and_names()
    {
        var m = new GoogLeNet();
        Assert.Equal(6_624_904, m.ParameterCount);
        var names = m.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(["conv1.conv.weight", "conv1.bn.weight", "conv1.bn.bias", "conv2.conv.weight"], names.Take(4));
        Assert.Equal(["fc.weight", "fc.bias"], names.TakeLast(2));
        Assert.Equal(new Shape(64, 3, 7, 7), ShapeOf(m, "conv1.conv.weight"));
        Assert.Equal(new Shape(64, 192, 1, 1), ShapeOf(m, "inception3a.branch1.conv.weight"));
        Assert.Equal(new Shape(128, 96, 3, 3), ShapeOf(m, "inception3a.branch2.1.conv.weight"));
        Assert.Equal(new Shape(32, 16, 3, 3), ShapeOf(m, "inception3a.branch3.1.conv.weight")); // torchvision's "5×5" is 3×3
        Assert.Equal(new Shape(32, 192, 1, 1), ShapeOf(m, "inception3a.branch4.1.conv.weight"));
        Assert.Equal(new Shape(128), ShapeOf(m, "inception5b.branch4.1.bn.bias"));
        Assert.Equal(new Shape(1000, 1024), ShapeOf(m, "fc.weight"));
        Assert.Contains(m.NamedBuffers(), b => b.Name == "inception4e.branch3.0.bn.running_mean");
    }

    [Fact]
    public void The_papers_five_by_five_kernels_add_their_weights()
    {
        // Σ ch5x5red·ch5x5·(25 − 9) over the nine modules = 380,928
        var m = new GoogLeNet(fiveByFive: true);
        Assert.Equal(7_005_832, m.ParameterCount);
        Assert.Equal(new Shape(32, 16, 5, 5), ShapeOf(m, "inception3a.branch3.1.conv.weight"));
    }

    [Fact]
    public void Inception_module_concatenates_its_four_branches()
    {
        var block = GoogLeNet.Inception(8, 4, 3, 5, 2, 3, 2, random: new Random(1));
        var y = block.Forward(Tensor.Uniform([2, 8, 6, 6], -1, 1, new Random(2)));
        Assert.Equal(new Shape(2, 4 + 5 + 3 + 2, 6, 6), y.Shape);
        Assert.Equal(["branch1", "branch2", "branch3", "branch4"], block.Children.Select(c => c.Name));
    }

    [Theory]
    [InlineData(3, 2, 112, 56)]
    [InlineData(3, 2, 56, 28)]
    [InlineData(3, 2, 28, 14)]
    [InlineData(2, 2, 14, 7)]
    [InlineData(3, 2, 7, 3)]   // ⌈(7 − 3)/2⌉ + 1
    [InlineData(2, 2, 7, 4)]   // the last window holds one column
    [InlineData(3, 2, 4, 2)]
    [InlineData(3, 3, 7, 3)]   // ⌈4/3⌉ + 1 = 3; the third window starts at 6, inside the image
    [InlineData(3, 3, 4, 2)]   // ⌈1/3⌉ + 1 = 2, its window starts at 3
    [InlineData(2, 2, 5, 3)]
    public void Ceil_mode_pooling_sizes_match_pytorch(int k, int s, int n, int expected)
    {
        var pool = new CeilMaxPool2d(k, s);
        Assert.Equal(expected, pool.OutputSize(n));
        Assert.Equal(new Shape(1, 2, expected, expected), pool.Forward(Tensor.Uniform([1, 2, n, n], -1, 1, new Random(1))).Shape);
    }

    [Fact]
    public void Ceil_mode_pooling_takes_partial_windows_and_passes_the_gradient_check()
    {
        // 3×3 input, k = 2, s = 2: windows {0,1}×{0,1}, {0,1}×{2}, {2}×{0,1}, {2}×{2}; negative values show −∞ padding never wins
        var x = Tensor.FromArray([-1.0, -2, -3, -4, -5, -6, -7, -8, -9], [1, 1, 3, 3]);
        Assert.Equal([-1.0, -3, -7, -9], new CeilMaxPool2d(2, 2).Forward(x).ToArray<double>());
        AssertCorrect(t => new CeilMaxPool2d(3, 2).Forward(t[0]), Leaf([2, 2, 6, 6], 3));
    }

    [Fact]
    public void Summary_lists_the_trunk()
    {
        var summary = new GoogLeNet(numClasses: 10, random: new Random(1)).Summary([1, 3, 64, 64]);
        Assert.Contains("inception5b", summary);
        Assert.Contains("[1, 1024, 2, 2]", summary);
        Assert.Contains("[1, 10]", summary);
    }

    [Fact]
    public void Forward_and_backward_on_a_tiny_batch()
    {
        AssertForwardAndBackward(new GoogLeNet(numClasses: 5, random: new Random(3)), 32, 5);
    }

    [Fact]
    public void Basic_conv_gradient_check_in_float64()
    {
        var unit = new BasicConv2d(2, 3, 3, padding: 1, random: new Random(4), dtype: DType.Float64);
        var x = Leaf([2, 2, 3, 3], 5);
        Tensor w;
        using (GradMode.NoGrad()) w = Tensor.Uniform([2, 3, 3, 3], 0.5, 1.5, new Random(6), DType.Float64);
        var result = GradCheck.Run(() => (unit.Forward(x) * w).Sum(), unit.NamedParameters().Append(("input", x)));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal("BasicConv2d(2 => 3, kernel 3)", unit.Describe());
    }
}
