namespace Dendrite.NN;

/// <summary>
/// A lookup table of learned vectors: index i → row i of the weight E [V, D] (the course's word embeddings; PyTorch's
/// <c>nn.Embedding</c>). <b>Shape:</b> Int32 (*) → (*, D).
/// </summary>
/// <remarks>
/// The weight starts as N(0, 1) like PyTorch's, with the padding row zero. The gradient reaches only the rows looked up
/// (repeated indices accumulate) and never the padding row, whose lookups are zero (PyTorch returns the row itself,
/// which is the same while it stays zero). With <c>maxNorm</c>, each row looked up whose L2 norm
/// exceeds it is first rescaled in place to that norm, outside the graph, as PyTorch does.
/// </remarks>
public sealed class Embedding : Module
{
    /// <summary>Creates the table.</summary>
    /// <param name="numEmbeddings">V, the vocabulary size.</param>
    /// <param name="embeddingDim">D, the vector size.</param>
    /// <param name="paddingIndex">A row that stays zero and gets no gradient (e.g. the padding token), or null.</param>
    /// <param name="maxNorm">Rows looked up are renormalized to at most this L2 norm, or null.</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIndex = null, double? maxNorm = null, Random? random = null, DType dtype = DType.Float32)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding needs a positive size but got {numEmbeddings} × {embeddingDim}.");
        if (paddingIndex is int p && (uint)p >= (uint)numEmbeddings)
            throw new ArgumentOutOfRangeException(nameof(paddingIndex), $"Embedding's padding index {p} is outside [0, {numEmbeddings}).");
        if (maxNorm is double n && !(n > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"Embedding's max norm must be positive but is {n}.");
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIndex = paddingIndex;
        MaxNorm = maxNorm;
        random ??= Init.DefaultRandom;
        var values = new double[numEmbeddings * embeddingDim];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextGaussian();
        if (paddingIndex is int pad) Array.Clear(values, pad * embeddingDim, embeddingDim);
        Weight = RegisterParameter("weight", Tensor.FromArray(values, [numEmbeddings, embeddingDim]).To(dtype));
    }

    /// <summary>V.</summary>
    public int NumEmbeddings { get; }

    /// <summary>D.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding row, or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>The renormalization bound, or null.</summary>
    public double? MaxNorm { get; }

    /// <summary>E [V, D].</summary>
    public Tensor Weight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.DType != DType.Int32) throw new ArgumentException($"{Describe()} expects Int32 indices but got {input.DType} {input.Shape}.");
        if (MaxNorm is double maxNorm) Renormalize(input, maxNorm);
        return Functional.Embedding(input, Weight, PaddingIndex ?? -1);
    }

    /// <summary>Rescales, in place and outside the graph, each looked-up row whose L2 norm exceeds <paramref name="maxNorm"/>.</summary>
    private void Renormalize(Tensor input, double maxNorm)
    {
        foreach (int r in input.Contiguous().ToArray<int>().Distinct())
        {
            if ((uint)r >= (uint)NumEmbeddings) continue; // the lookup reports it
            if (Weight.IsFloat64) Renormalize(Weight.Span<double>().Slice(r * EmbeddingDim, EmbeddingDim), maxNorm);
            else Renormalize(Weight.Span<float>().Slice(r * EmbeddingDim, EmbeddingDim), maxNorm);
        }
    }

    private static void Renormalize<T>(Span<T> row, double maxNorm) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double norm = 0;
        foreach (T v in row) norm += double.CreateTruncating(v) * double.CreateTruncating(v);
        norm = Math.Sqrt(norm);
        if (norm <= maxNorm) return;
        double scale = maxNorm / (norm + 1e-7);
        for (int j = 0; j < row.Length; j++) row[j] = T.CreateTruncating(double.CreateTruncating(row[j]) * scale);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Embedding({NumEmbeddings}, {EmbeddingDim}" + (PaddingIndex is int p ? $", padding {p}" : "") + ")";
}
