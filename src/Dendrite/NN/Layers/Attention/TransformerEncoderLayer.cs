namespace Dendrite.NN;

/// <summary>
/// One Transformer encoder block in PyTorch's <c>nn.TransformerEncoderLayer</c> layout (<c>self_attn</c>,
/// <c>linear1</c>, <c>linear2</c>, <c>norm1</c>, <c>norm2</c>): self-attention and a ReLU feed-forward network, each
/// with a residual connection and layer norm. Post-LN by default, x = norm1(x + attn(x)); x = norm2(x + ff(x)); with
/// <c>normFirst</c>, pre-LN: x = x + attn(norm1(x)); x = x + ff(norm2(x)). <b>Shape:</b> [T, N, d] → [T, N, d].
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    private readonly MultiHeadAttention _selfAttention;
    private readonly Dense _linear1, _linear2;
    private readonly LayerNorm _norm1, _norm2;
    private readonly Dropout _dropout, _dropout1, _dropout2;

    /// <summary>Creates the block.</summary>
    public TransformerEncoderLayer(int dModel, int numHeads, int dimFeedforward = 2048, double dropout = 0.1, double layerNormEpsilon = 1e-5,
        bool batchFirst = false, bool normFirst = false, Random? random = null, DType dtype = DType.Float32)
    {
        random ??= Init.DefaultRandom;
        NormFirst = normFirst;
        _selfAttention = RegisterModule("self_attn", new MultiHeadAttention(dModel, numHeads, dropout, batchFirst: batchFirst, random: random, dtype: dtype));
        _linear1 = RegisterModule("linear1", new Dense(dModel, dimFeedforward, random: random, dtype: dtype));
        _dropout = RegisterModule("dropout", new Dropout(dropout, random.Next()));
        _linear2 = RegisterModule("linear2", new Dense(dimFeedforward, dModel, random: random, dtype: dtype));
        _norm1 = RegisterModule("norm1", new LayerNorm(dModel, layerNormEpsilon, dtype: dtype));
        _norm2 = RegisterModule("norm2", new LayerNorm(dModel, layerNormEpsilon, dtype: dtype));
        _dropout1 = RegisterModule("dropout1", new Dropout(dropout, random.Next()));
        _dropout2 = RegisterModule("dropout2", new Dropout(dropout, random.Next()));
    }

    /// <summary>Whether layer norm comes before each sub-block (pre-LN) rather than after the residual sum.</summary>
    public bool NormFirst { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Encode(input);

    /// <summary>The block over <paramref name="source"/>, with an additive attention mask [T, T] and a key padding mask [N, T] (non-zero: padding).</summary>
    public Tensor Encode(Tensor source, Tensor? mask = null, Tensor? keyPaddingMask = null)
    {
        Tensor Attention(Tensor x) => _dropout1.Call(_selfAttention.Attend(x, x, x, keyPaddingMask, mask).Output);
        Tensor FeedForward(Tensor x) => _dropout2.Call(_linear2.Call(_dropout.Call(_linear1.Call(x).Relu())));
        var y = source;
        if (NormFirst)
        {
            y = y + Attention(_norm1.Call(y));
            return y + FeedForward(_norm2.Call(y));
        }
        y = _norm1.Call(y + Attention(y));
        return _norm2.Call(y + FeedForward(y));
    }

    /// <inheritdoc/>
    public override string Describe() => $"TransformerEncoderLayer({_selfAttention.EmbedDim}, heads {_selfAttention.NumHeads}" + (NormFirst ? ", norm first" : "") + ")";
}
