namespace Dendrite.Tests.Tensors;

/// <summary>Indexing a shape from the end counts dimensions, not elements.</summary>
public class ShapeIndexTests
{
    [Fact]
    public void Hat_indices_count_dimensions()
    {
        Shape shape = [2, 3, 4];
        Assert.Equal(4, shape[^1]);
        Assert.Equal(2, shape[^3]);
        Assert.Equal(4, shape[-1]);
    }

    [Fact]
    public void A_linear_layer_with_the_wrong_input_width_says_so()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 5]).Linear(Tensor.Zeros([3, 4])));
        Assert.Contains("Linear expects x [N, 4] for weight [3, 4] but got [2, 5]", e.Message);
    }
}
