namespace Dendrite.Tests.Tensors;

/// <summary><see cref="NonFinite"/> against a naive scan of the row-major values.</summary>
public class NonFiniteTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void First_finds_the_row_major_first_non_finite_element_even_in_a_view(DType dtype)
    {
        var values = new double[3 * 4];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.5;
        values[2 * 4 + 1] = double.PositiveInfinity; // [2, 1]
        values[1 * 4 + 3] = double.NaN;              // [1, 3]: first in row-major order
        var t = Tensor.FromArray(values, [3, 4]).To(dtype);
        Assert.Null(NonFinite.First(Tensor.Zeros([3, 4], dtype)));
        var (index, value) = NonFinite.First(t)!.Value;
        Assert.Equal([1, 3], index);
        Assert.True(double.IsNaN(value));

        var transposed = t.T; // [4, 3]; element [i, j] = t[j, i]: row-major order meets t[2, 1] (= [1, 2]) before t[1, 3] (= [3, 1])
        (index, value) = NonFinite.First(transposed)!.Value;
        Assert.Equal([1, 2], index);
        Assert.Equal(double.PositiveInfinity, value);
        Assert.Equal("+∞", NonFinite.Name(value));
        Assert.Equal("−∞", NonFinite.Name(double.NegativeInfinity));
    }

    [Fact]
    public void Rows_flags_each_example_holding_a_non_finite_value_and_integers_never()
    {
        var t = Tensor.FromArray([1f, 2f, float.NaN, 4f, 5f, 6f, 7f, float.NegativeInfinity], [4, 2]);
        Assert.Equal([false, true, false, true], NonFinite.Rows(t));
        Assert.Equal([false, false], NonFinite.Rows(Tensor.FromArray([1, 2, 3, 4], [2, 2])));
        Assert.Null(NonFinite.First(Tensor.FromArray([int.MaxValue])));
    }
}
