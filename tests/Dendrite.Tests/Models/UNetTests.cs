using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Models;

/// <summary>U-Net: parameter counts against a naive count, names, shapes and errors.</summary>
public class UNetTests
{
    private static long Conv(int inChannels, int outChannels, int k) => (long)inChannels * outChannels * k * k + outChannels;

    /// <summary>The course's design counted layer by layer: two 3×3 convs per level, a transposed 3×3 conv and two 3×3 convs per up block.</summary>
    private static long NaiveCount(int inChannels, int classes, int f, int depth)
    {
        long total = 0;
        int channels = inChannels;
        for (int i = 0; i < depth; i++)
        {
            total += Conv(channels, f << i, 3) + Conv(f << i, f << i, 3);
            channels = f << i;
        }
        total += Conv(channels, f << depth, 3) + Conv(f << depth, f << depth, 3);
        for (int i = depth - 1; i >= 0; i--)
            total += Conv(f << (i + 1), f << i, 3) + Conv(2 * (f << i), f << i, 3) + Conv(f << i, f << i, 3); // ConvTranspose2d counts as a conv
        return total + Conv(f, f, 3) + Conv(f, classes, 1);
    }

    [Theory]
    [InlineData(3, 23, 32, 4)]
    [InlineData(1, 2, 8, 2)]
    [InlineData(3, 4, 4, 3)]
    public void Parameter_count_equals_a_naive_count(int inChannels, int classes, int f, int depth)
    {
        var net = new UNet(inChannels, classes, f, depth, random: new Random(1));
        Assert.Equal(NaiveCount(inChannels, classes, f, depth), net.ParameterCount);
    }

    [Fact]
    public void The_course_configuration_has_the_notebooks_8640471_parameters() =>
        Assert.Equal(8_640_471, new UNet(3, 23, 32, 4, random: new Random(1)).ParameterCount);

    [Fact]
    public void Output_has_a_score_per_class_at_every_pixel_and_names_are_readable()
    {
        var net = new UNet(3, 4, filters: 4, depth: 3, random: new Random(2));
        net.Eval();
        var x = Tensor.Uniform([2, 3, 16, 24], 0, 1, new Random(3));
        using (GradMode.NoGrad()) Assert.Equal(new Shape(2, 4, 16, 24), net.Forward(x).Shape);
        var mask = net.PredictMask(x);
        Assert.Equal(new Shape(2, 16, 24), mask.Shape);
        Assert.Equal(DType.Int32, mask.DType);
        var names = net.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal("down1.conv1.weight", names[0]);
        Assert.Contains("down3.conv2.bias", names);
        Assert.Contains("bottleneck.conv1.weight", names);
        Assert.Contains("up1.up.weight", names);
        Assert.Contains("up3.conv2.weight", names);
        Assert.Equal(["head.weight", "head.bias"], names[^2..]);
        Assert.Equal(new Shape(32, 16, 3, 3), net.Up[2].Up.Weight.Shape); // ConvTranspose2d [in, out, k, k]: bottleneck 32 → level 3's 16
        Assert.Equal(new Shape(4, 8, 3, 3), net.Up[0].Conv1.Weight.Shape); // 4 up-sampled + 4 skip channels
    }

    [Fact]
    public void The_summary_shows_every_block_with_its_output_shape()
    {
        string summary = new UNet(3, 4, filters: 4, depth: 2, random: new Random(5)).Summary([1, 3, 16, 16]);
        Assert.Contains("bottleneck (UNetConvBlock(8 => 16, dropout))", summary);
        Assert.Matches(@"up2 \(UNetUpBlock\(16 \+ 8 => 8\)\)\s+\[1, 8, 8, 8\]", summary);   // the up blocks' hooks run in Decode
        Assert.Matches(@"up1 \(UNetUpBlock\(8 \+ 4 => 4\)\)\s+\[1, 4, 16, 16\]", summary);
    }

    [Fact]
    public void Dropout_sits_in_the_deepest_block_and_the_bottleneck()
    {
        var net = new UNet(3, 2, filters: 2, depth: 3, dropout: 0.3, random: new Random(4));
        var dropouts = net.Children.SelectMany(c => c.Module.Children.Where(g => g.Module is Dropout).Select(g => $"{c.Name}.{g.Name}")).ToList();
        Assert.Equal(["down3.dropout", "bottleneck.dropout"], dropouts);
    }

    [Fact]
    public void Wrong_inputs_fail_naming_the_network_and_the_shape()
    {
        var net = new UNet(3, 4, filters: 2, depth: 2);
        var e = Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 3, 10, 8])));
        Assert.Equal("UNet(3 => 4 classes, filters 2, depth 2) expects [N, 3, H, W] with H and W multiples of 4 but got [1, 3, 10, 8].", e.Message);
        Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 1, 8, 8])));
        e = Assert.Throws<ArgumentException>(() => net.Up[0].Decode(Tensor.Zeros([1, 4, 2, 2]), Tensor.Zeros([1, 2, 3, 3])));
        Assert.Contains("[1, 2, 3, 3]", e.Message);
        Assert.Throws<NotSupportedException>(() => net.Up[0].Forward(Tensor.Zeros([1, 4, 2, 2])));
    }
}
