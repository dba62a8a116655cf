namespace Dendrite.NN;

/// <summary>
/// One Transformer decoder block in PyTorch's <c>nn.TransformerDecoderLayer</c> layout (<c>self_attn</c>,
/// <c>multihead_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1</c>…<c>norm3</c>): masked self-attention over the
/// target, attention over the encoder's memory, and a ReLU feed-forward network, each with a residual connection and
/// layer norm (post-LN by default, pre-LN with <c>normFirst</c>). <b>Shape:</b> target [T, N, d], memory [S, N, d] → [T, N, d].
/// </summary>
/// <remarks><see cref="Module.Forward"/> needs the memory, so it is <see cref="Decode"/>; Forward alone throws.</remarks>
public sealed class TransformerDecoderLayer : Module
{
    private readonly MultiHeadAttention _selfAttention, _crossAttention;
    private readonly Dense _linear1, _linear2;
    private readonly LayerNorm _norm1, _norm2, _norm3;
    private readonly Dropout _dropout, _dropout1, _dropout2, _dropout3;

    /// <summary>Creates the block.</summary>
    public TransformerDecoderLayer(int dModel, int numHeads, int dimFeedforward = 2048, double dropout = 0.1, double layerNormEpsilon = 1e-5,
        bool batchFirst = false, bool normFirst = false, Random? random = null, DType dtype = DType.Float32)
    {
        random ??= Init.DefaultRandom;
        NormFirst = normFirst;
        _selfAttention = RegisterModule("self_attn", new MultiHeadAttention(dModel, numHeads, dropout, batchFirst: batchFirst, random: random, dtype: dtype));
        _crossAttention = RegisterModule("multihead_attn", new MultiHeadAttention(dModel, numHeads, dropout, batchFirst: batchFirst, random: random, dtype: dtype));
        _linear1 = RegisterModule("linear1", new Dense(dModel, dimFeedforward, random: random, dtype: dtype));
        _dropout = RegisterModule("dropout", new Dropout(dropout, random.Next()));
        _linear2 = RegisterModule("linear2", new Dense(dimFeedforward, dModel, random: random, dtype: dtype));
        _norm1 = RegisterModule("norm1", new LayerNorm(dModel, layerNormEpsilon, dtype: dtype));
        _norm2 = RegisterModule("norm2", new LayerNorm(dModel, layerNormEpsilon, dtype: dtype));
        _norm3 = RegisterModule("norm3", new LayerNorm(dModel, layerNormEpsilon, dtype: dtype));
        _dropout1 = RegisterModule("dropout1", new Dropout(dropout, random.Next()));
        _dropout2 = RegisterModule("dropout2", new Dropout(dropout, random.Next()));
        _dropout3 = RegisterModule("dropout3", new Dropout(dropout, random.Next()));
    }

    /// <summary>Whether layer norm comes before each sub-block (pre-LN).</summary>
    public bool NormFirst { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"{Describe()} attends to the encoder's memory: call Decode(target, memory).");

    /// <summary>The block over <paramref name="target"/> attending to <paramref name="memory"/>.</summary>
    /// <param name="target">[T, N, d].</param>
    /// <param name="memory">The encoder's output [S, N, d].</param>
    /// <param name="targetMask">An additive [T, T] mask on self-attention, e.g. <see cref="Functional.CausalMask"/>.</param>
    /// <param name="memoryMask">An additive [T, S] mask on the attention over the memory.</param>
    /// <param name="targetKeyPaddingMask">[N, T], non-zero where the target is padding.</param>
    /// <param name="memoryKeyPaddingMask">[N, S], non-zero where the memory is padding.</param>
    public Tensor Decode(Tensor target, Tensor memory, Tensor? targetMask = null, Tensor? memoryMask = null, Tensor? targetKeyPaddingMask = null,
        Tensor? memoryKeyPaddingMask = null)
    {
        Tensor SelfAttention(Tensor x) => _dropout1.Call(_selfAttention.Attend(x, x, x, targetKeyPaddingMask, targetMask).Output);
        Tensor CrossAttention(Tensor x) => _dropout2.Call(_crossAttention.Attend(x, memory, memory, memoryKeyPaddingMask, memoryMask).Output);
        Tensor FeedForward(Tensor x) => _dropout3.Call(_linear2.Call(_dropout.Call(_linear1.Call(x).Relu())));
        var y = target;
        if (NormFirst)
        {
            y = y + SelfAttention(_norm1.Call(y));
            y = y + CrossAttention(_norm2.Call(y));
            return y + FeedForward(_norm3.Call(y));
        }
        y = _norm1.Call(y + SelfAttention(y));
        y = _norm2.Call(y + CrossAttention(y));
        return _norm3.Call(y + FeedForward(y));
    }

    /// <inheritdoc/>
    public override string Describe() => $"TransformerDecoderLayer({_selfAttention.EmbedDim}, heads {_selfAttention.NumHeads}" + (NormFirst ? ", norm first" : "") + ")";
}
