using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.NN;

/// <summary>
/// MultiHeadAttention and the Transformer layers against PyTorch on fixed weights (Fixtures/make_attention_fixtures.py,
/// Debian's python3-torch): outputs, attention weights and the gradients of every input and parameter agree to 1e-5
/// in float32, with key padding, causal and additive masks. The weights load by PyTorch's state-dict names.
/// </summary>
public class AttentionFixtureTests
{
    private static IReadOnlyDictionary<string, Tensor> Fixture(string name) =>
        Npz.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"attention_{name}.npz"));

    private static void Load(Module module, IReadOnlyDictionary<string, Tensor> f)
    {
        var names = module.NamedParameters().Select(p => p.Name).ToHashSet();
        var report = module.LoadStateDict(f.Where(p => names.Contains(p.Key)).ToDictionary(), strict: false);
        Assert.DoesNotContain(report.Missing, names.Contains);
    }

    private static Tensor Input(IReadOnlyDictionary<string, Tensor> f, string name)
    {
        var x = f[name];
        x.RequiresGrad = true;
        return x;
    }

    private static void AssertGradients(Module module, IReadOnlyDictionary<string, Tensor> f, params (string Name, Tensor Tensor)[] inputs)
    {
        foreach (var (name, x) in inputs) Naive.AssertClose(f["grad_" + name].ToArray<double>(), x.Grad!.ToArray<double>(), 1e-5);
        foreach (var (name, p) in module.NamedParameters()) Naive.AssertClose(f["grad_" + name].ToArray<double>(), p.Grad!.ToArray<double>(), 1e-5);
    }

    [Fact]
    public void Multi_head_attention_with_padding_and_an_additive_mask_equals_pytorchs()
    {
        var f = Fixture("mha");
        var attention = new MultiHeadAttention(8, 2);
        Load(attention, f);
        var (q, k, v) = (Input(f, "query"), Input(f, "key"), Input(f, "value"));
        var (output, weights) = attention.Attend(q, k, v, f["key_padding_mask"], f["attn_mask"]);
        Naive.AssertClose(f["output"].ToArray<double>(), output.ToArray<double>(), 1e-5);
        Naive.AssertClose(f["weights"].ToArray<double>(), weights.ToArray<double>(), 1e-5);
        ((output * f["w"]).Sum() + (weights * f["w2"]).Sum()).Backward();
        AssertGradients(attention, f, ("query", q), ("key", k), ("value", v));
    }

    [Theory]
    [InlineData("encoder", false)]
    [InlineData("encoder_norm_first", true)]
    public void Encoder_layer_equals_pytorchs(string name, bool normFirst)
    {
        var f = Fixture(name);
        var layer = new TransformerEncoderLayer(8, 2, dimFeedforward: 16, dropout: 0, normFirst: normFirst);
        Load(layer, f);
        var src = Input(f, "src");
        var output = layer.Encode(src, keyPaddingMask: f["key_padding_mask"]);
        Naive.AssertClose(f["output"].ToArray<double>(), output.ToArray<double>(), 1e-5);
        (output * f["w"]).Sum().Backward();
        AssertGradients(layer, f, ("src", src));
    }

    [Fact]
    public void Decoder_layer_with_a_causal_mask_equals_pytorchs()
    {
        var f = Fixture("decoder");
        var layer = new TransformerDecoderLayer(8, 2, dimFeedforward: 16, dropout: 0);
        Load(layer, f);
        var (tgt, memory) = (Input(f, "tgt"), Input(f, "memory"));
        var output = layer.Decode(tgt, memory, targetMask: f["tgt_mask"], memoryKeyPaddingMask: f["key_padding_mask"]);
        Naive.AssertClose(f["output"].ToArray<double>(), output.ToArray<double>(), 1e-5);
        (output * f["w"]).Sum().Backward();
        AssertGradients(layer, f, ("tgt", tgt), ("memory", memory));
    }
}
