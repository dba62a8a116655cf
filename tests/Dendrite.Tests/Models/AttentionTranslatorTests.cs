using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Models;

public class AttentionTranslatorTests
{
    private static AttentionTranslator Small() =>
        new(sourceVocabulary: 5, targetVocabulary: 3, outputLength: 3, encoderSize: 2, decoderSize: 3, random: new Random(7), dtype: DType.Float64);

    [Fact]
    public void Logits_and_attention_have_the_courses_shapes_and_each_attention_row_is_a_distribution()
    {
        var model = Small();
        var x = Tensor.FromArray(new[] { 0, 1, 2, 3, 4, 4, 3, 2 }, [2, 4]);
        using var _ = GradMode.NoGrad();
        var (logits, attention) = model.Translate(x);
        Assert.Equal([2, 3, 3], logits.Shape.ToArray());
        Assert.Equal([2, 3, 4], attention.Shape.ToArray());
        var a = attention.Contiguous().ToArray<double>();
        for (int row = 0; row < 6; row++) Assert.Equal(1, a.Skip(row * 4).Take(4).Sum(), 12);
        Assert.Equal(logits.Contiguous().ToArray<double>(), model.Forward(x).Contiguous().ToArray<double>());
        Assert.Equal(["encoder", "attention", "post_attention_lstm", "output"], model.Children.Select(c => c.Name));
    }

    [Fact]
    public void Passes_the_gradient_check()
    {
        var model = Small();
        var x = Tensor.FromArray(new[] { 0, 1, 2, 3, 4, 4, 3, 2 }, [2, 4]);
        var w = Tensor.Uniform([2, 3, 3], 0.5, 1.5, new Random(8), DType.Float64);
        var result = GradCheck.Run(() => (model.Forward(x) * w).Sum(), [.. model.NamedParameters()]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Rejects_float_input_naming_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Small().Forward(Tensor.Zeros([2, 4], DType.Float64)));
        Assert.Contains("Int32", e.Message);
    }
}
