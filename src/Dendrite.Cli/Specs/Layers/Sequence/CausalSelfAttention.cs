using Dendrite.NN;
using F = Dendrite.NN.Functional;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Runs a batch-first self-attention layer or encoder block over [N, T, d] with the causal mask of T steps, so that
/// step t attends to steps ≤ t only: the spec's <c>causal: true</c>.
/// </summary>
internal sealed class CausalSelfAttention : Module
{
    private readonly Module _inner;
    private readonly Func<Tensor, Tensor, Tensor> _apply; // (x, mask) → y

    /// <summary>Wraps <paramref name="attention"/> (registered as <c>attention</c>).</summary>
    public CausalSelfAttention(MultiHeadAttention attention)
    {
        _inner = RegisterModule("attention", attention);
        _apply = (x, mask) => attention.Attend(x, x, x, attentionMask: mask).Output;
    }

    /// <summary>Wraps <paramref name="block"/> (registered as <c>block</c>).</summary>
    public CausalSelfAttention(TransformerEncoderLayer block)
    {
        _inner = RegisterModule("block", block);
        _apply = (x, mask) => block.Encode(x, mask);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 3) throw new ArgumentException($"{Describe()} expects a sequence [N, T, d] but got {input.Shape}.");
        return _apply(input, F.CausalMask(input.Shape[1], input.Shape[1], input.DType));
    }

    /// <inheritdoc/>
    public override string Describe() => $"Causal({_inner.Describe()})";
}
