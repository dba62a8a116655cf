using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.NN;

/// <summary>Variable lengths, initial states, batch-first layouts and errors of the recurrent layers.</summary>
public class RecurrentTests
{
    public static TheoryData<string> Kinds => ["rnn", "gru", "lstm"];

    private static RecurrentLayer Create(string kind, bool bidirectional = true, bool batchFirst = false, int layers = 2) => kind switch
    {
        "rnn" => new Rnn(3, 2, numLayers: layers, bidirectional: bidirectional, batchFirst: batchFirst, random: new Random(1), dtype: DType.Float64),
        "gru" => new Gru(3, 2, numLayers: layers, bidirectional: bidirectional, batchFirst: batchFirst, random: new Random(2), dtype: DType.Float64),
        _ => new Lstm(3, 2, numLayers: layers, bidirectional: bidirectional, batchFirst: batchFirst, random: new Random(3), dtype: DType.Float64),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Masked_bidirectional_layers_pass_the_gradient_check_with_initial_states(string kind)
    {
        var layer = Create(kind);
        var random = new Random(4);
        var x = Tensor.Uniform([4, 3, 3], -1, 1, random, DType.Float64);
        var h0 = Tensor.Uniform([4, 3, 2], -1, 1, random, DType.Float64);
        var c0 = kind == "lstm" ? Tensor.Uniform([4, 3, 2], -1, 1, random, DType.Float64) : null;
        var w = Tensor.Uniform([4, 3, 4], 0.5, 1.5, random, DType.Float64);
        x.RequiresGrad = h0.RequiresGrad = true;
        if (c0 is not null) c0.RequiresGrad = true;
        Tensor Loss()
        {
            var r = layer.Run(x, h0, c0, lengths: [4, 1, 3]);
            return (r.Output * w).Sum() + r.Hidden.Sum() + (r.Cell?.Sum() ?? Tensor.Zeros([], DType.Float64));
        }
        List<(string, Tensor)> checkedTensors = [("x", x), ("h0", h0), .. layer.NamedParameters()];
        if (c0 is not null) checkedTensors.Add(("c0", c0));
        var result = GradCheck.Run(Loss, checkedTensors);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_short_sequence_in_a_batch_computes_what_it_computes_alone(string kind)
    {
        var layer = Create(kind);
        var x = Tensor.Uniform([5, 2, 3], -1, 1, new Random(5), DType.Float64);
        RecurrentOutput batch, alone;
        using (GradMode.NoGrad())
        {
            batch = layer.Run(x, lengths: [5, 3]);
            alone = layer.Run(x.Narrow(0, 0, 3).Narrow(1, 1, 1).Contiguous());
        }
        var outputs = batch.Output.Narrow(1, 1, 1);
        Naive.AssertClose(alone.Output.ToArray<double>(), outputs.Narrow(0, 0, 3).Contiguous().ToArray<double>(), 1e-12);
        Assert.All(outputs.Narrow(0, 3, 2).Contiguous().ToArray<double>(), v => Assert.Equal(0, v)); // zero past the length
        Naive.AssertClose(alone.Hidden.ToArray<double>(), batch.Hidden.Narrow(1, 1, 1).Contiguous().ToArray<double>(), 1e-12);
        if (batch.Cell is not null)
            Naive.AssertClose(alone.Cell!.ToArray<double>(), batch.Cell.Narrow(1, 1, 1).Contiguous().ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Batch_first_is_the_same_computation_transposed()
    {
        var timeFirst = Create("lstm");
        var batchFirst = Create("lstm", batchFirst: true);
        var x = Tensor.Uniform([4, 2, 3], -1, 1, new Random(6), DType.Float64);
        using var _ = GradMode.NoGrad();
        var a = timeFirst.Forward(x);
        var b = batchFirst.Forward(x.Transpose(0, 1).Contiguous());
        Assert.Equal([2, 4, 4], b.Shape.ToArray());
        Assert.Equal(a.Transpose(0, 1).Contiguous().ToArray<double>(), b.Contiguous().ToArray<double>());
    }

    [Fact]
    public void Lengths_come_from_a_prefix_mask()
    {
        var mask = Tensor.FromArray(new[] { 1, 1, 1, 1, 0, 0, 1, 1, 0 }, [3, 3]);
        Assert.Equal([3, 1, 2], RecurrentLayer.LengthsFromMask(mask));
        var e = Assert.Throws<ArgumentException>(() => RecurrentLayer.LengthsFromMask(Tensor.FromArray(new[] { 1, 0, 1 }, [1, 3])));
        Assert.Contains("not a prefix of ones", e.Message);
    }

    [Fact]
    public void Errors_name_the_layer_and_both_shapes()
    {
        var lstm = new Lstm(3, 2, numLayers: 2);
        Assert.Equal("Lstm(3, 2, layers 2) expects [T, N, 3] but got [4, 2, 5].",
            Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros([4, 2, 5]))).Message);
        Assert.Contains("expects h0 [2, 2, 2] but got [1, 2, 2]",
            Assert.Throws<ArgumentException>(() => lstm.Run(Tensor.Zeros([4, 2, 3]), Tensor.Zeros([1, 2, 2]))).Message);
        Assert.Contains("A sequence length must be in [1, 4] but got 5",
            Assert.Throws<ArgumentOutOfRangeException>(() => lstm.Run(Tensor.Zeros([4, 2, 3]), lengths: [5, 1])).Message);
        Assert.Contains("has no cell state", Assert.Throws<ArgumentException>(() => new Gru(3, 2).Run(Tensor.Zeros([4, 2, 3]), c0: Tensor.Zeros([1, 2, 2]))).Message);
    }

    [Fact]
    public void Final_states_are_stacked_layer_by_layer_and_direction_by_direction()
    {
        var gru = Create("gru");
        var x = Tensor.Uniform([3, 2, 3], -1, 1, new Random(7), DType.Float64);
        using var _ = GradMode.NoGrad();
        var r = gru.Run(x);
        Assert.Equal([4, 2, 2], r.Hidden.Shape.ToArray());
        // the last layer's forward state is its output at the last step; its reverse state is its output at the first
        Assert.Equal(r.Output[2].Narrow(1, 0, 2).Contiguous().ToArray<double>(), r.Hidden[2].ToArray<double>());
        Assert.Equal(r.Output[0].Narrow(1, 2, 2).Contiguous().ToArray<double>(), r.Hidden[3].ToArray<double>());
    }
}
