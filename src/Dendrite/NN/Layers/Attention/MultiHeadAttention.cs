namespace Dendrite.NN;

/// <summary>
/// Multi-head attention (Vaswani et al. 2017) in PyTorch's <c>nn.MultiheadAttention</c> layout: one packed input
/// projection <c>in_proj_weight</c> [3E, E] and <c>in_proj_bias</c> [3E] for Q, K and V, h heads of E/h values, scaled
/// dot-product attention per head, and the output projection <c>out_proj</c>. <b>Shape:</b> query [L, N, E], key and
/// value [S, N, E] ([N, L, E] and [N, S, E] when batch-first) → [L, N, E], weights averaged over heads [N, L, S].
/// </summary>
/// <remarks>Initialized as PyTorch: Xavier-uniform in-projection, zero biases; the output projection U(−1/√E, 1/√E).
/// <see cref="Module.Forward"/> is self-attention: query = key = value.</remarks>
public sealed class MultiHeadAttention : Module
{
    private readonly Dense _outProj;
    private readonly Random _dropoutRandom;

    /// <summary>Creates the layer.</summary>
    /// <param name="embedDim">E.</param>
    /// <param name="numHeads">h; E must be a multiple of it.</param>
    /// <param name="dropout">Dropout on the attention weights, in training.</param>
    /// <param name="bias">Whether the projections learn biases.</param>
    /// <param name="batchFirst">Inputs and outputs as [N, L, E].</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public MultiHeadAttention(int embedDim, int numHeads, double dropout = 0, bool bias = true, bool batchFirst = false, Random? random = null,
        DType dtype = DType.Float32)
    {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0)
            throw new ArgumentException($"MultiHeadAttention needs an embedding size divisible by the heads but got {embedDim} and {numHeads}.");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        random ??= Init.DefaultRandom;
        _dropoutRandom = new Random(random.Next());
        double xavier = Math.Sqrt(6.0 / (embedDim + 3 * embedDim));
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Uniform([3 * embedDim, embedDim], -xavier, xavier, random, dtype));
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros([3 * embedDim], dtype));
        double bound = 1 / Math.Sqrt(embedDim);
        _outProj = RegisterModule("out_proj", new Dense(embedDim, embedDim, bias, (w, r) => w.Assign(Tensor.Uniform(w.Shape, -bound, bound, r, w.DType)), random, dtype));
    }

    /// <summary>E.</summary>
    public int EmbedDim { get; }

    /// <summary>h.</summary>
    public int NumHeads { get; }

    /// <summary>Dropout on the attention weights.</summary>
    public double Dropout { get; }

    /// <summary>Whether inputs are [N, L, E].</summary>
    public bool BatchFirst { get; }

    /// <summary>W_q, W_k, W_v stacked: [3E, E].</summary>
    public Tensor InProjWeight { get; }

    /// <summary>b_q, b_k, b_v stacked: [3E], or null.</summary>
    public Tensor? InProjBias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Attend(input, input, input).Output;

    /// <summary>Attends from every query to the keys and values.</summary>
    /// <param name="query">[L, N, E] (or [N, L, E]).</param>
    /// <param name="key">[S, N, E] (or [N, S, E]).</param>
    /// <param name="value">[S, N, E] (or [N, S, E]).</param>
    /// <param name="keyPaddingMask">[N, S], non-zero where a key is padding and must not be attended; or null.</param>
    /// <param name="attentionMask">An additive [L, S] mask (−∞ where attention is not allowed), e.g. <see cref="Functional.CausalMask"/>; or null.</param>
    /// <returns>The output [L, N, E] (or [N, L, E]) and the attention weights averaged over heads, [N, L, S].</returns>
    public (Tensor Output, Tensor Weights) Attend(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, Tensor? attentionMask = null)
    {
        if (BatchFirst) (query, key, value) = (query.Transpose(0, 1), key.Transpose(0, 1), value.Transpose(0, 1));
        if (query.Rank != 3 || key.Rank != 3 || value.Rank != 3 || query.Shape[2] != EmbedDim || key.Shape[2] != EmbedDim || value.Shape[2] != EmbedDim
            || key.Shape[0] != value.Shape[0] || query.Shape[1] != key.Shape[1] || key.Shape[1] != value.Shape[1])
            throw new ArgumentException($"{Describe()} expects query [L, N, {EmbedDim}] and key, value [S, N, {EmbedDim}] but got {query.Shape}, {key.Shape}, {value.Shape}.");
        int l = query.Shape[0], s = key.Shape[0], n = query.Shape[1], d = EmbedDim / NumHeads;
        Tensor Project(Tensor x, int part, int length)
        {
            var w = InProjWeight.Narrow(0, part * EmbedDim, EmbedDim);
            var b = InProjBias?.Narrow(0, part * EmbedDim, EmbedDim);
            // [length, N, E] → [length, N·h, d] → [N·h, length, d]
            return x.Linear(w, b).Reshape(length, n * NumHeads, d).Transpose(0, 1);
        }
        var q = Project(query, 0, l);
        var k = Project(key, 1, s);
        var v = Project(value, 2, s);
        Tensor? mask = attentionMask;
        if (keyPaddingMask is not null)
        {
            if (keyPaddingMask.Rank != 2 || keyPaddingMask.Shape[0] != n || keyPaddingMask.Shape[1] != s)
                throw new ArgumentException($"{Describe()} expects a key padding mask [{n}, {s}] but got {keyPaddingMask.Shape}.");
            var padding = PaddingMask(keyPaddingMask, n, s, query.DType); // [N·h, 1, S], broadcast over the queries
            mask = mask is null ? padding : padding + mask;
        }
        var (heads, weights) = Functional.ScaledDotProductAttention(q, k, v, mask, dropout: IsTraining ? Dropout : 0, random: _dropoutRandom);
        var merged = heads.Transpose(0, 1).Reshape(l, n, EmbedDim);
        var output = _outProj.Call(merged);
        var averaged = weights.Reshape(n, NumHeads, l, s).Mean(1);
        return (BatchFirst ? output.Transpose(0, 1) : output, averaged);
    }

    private Tensor PaddingMask(Tensor keyPaddingMask, int n, int s, DType dtype)
    {
        var flags = keyPaddingMask.To(DType.Float64).ToArray<double>();
        var values = new double[n * NumHeads * s];
        for (int b = 0; b < n; b++)
            for (int h = 0; h < NumHeads; h++)
                for (int j = 0; j < s; j++)
                    if (flags[b * s + j] != 0) values[(b * NumHeads + h) * s + j] = double.NegativeInfinity;
        return Tensor.FromArray(values, [n * NumHeads, 1, s]).To(dtype);
    }

    /// <inheritdoc/>
    public override string Describe() => $"MultiHeadAttention({EmbedDim}, heads {NumHeads}" + (BatchFirst ? ", batch first" : "") + ")";
}
