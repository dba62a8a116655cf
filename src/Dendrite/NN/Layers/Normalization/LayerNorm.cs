namespace Dendrite.NN;

/// <summary>
/// Layer normalization (Ba et al. 2016; PyTorch's <c>nn.LayerNorm</c> over the last axis): each row of D values is
/// normalized by its own mean and (biased) variance, then scaled by γ and shifted by β. Unlike batch norm it does not
/// depend on the batch, so train and eval agree. <b>Shape:</b> (*, D) → (*, D).
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer; γ = 1 and β = 0.</summary>
    /// <param name="normalizedShape">D, the size of the last axis.</param>
    /// <param name="epsilon">ε added to the variance.</param>
    /// <param name="elementwiseAffine">Whether to learn γ and β.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public LayerNorm(int normalizedShape, double epsilon = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
    {
        if (normalizedShape <= 0) throw new ArgumentOutOfRangeException(nameof(normalizedShape), $"LayerNorm needs a positive size but got {normalizedShape}.");
        NormalizedShape = normalizedShape;
        Epsilon = epsilon;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([normalizedShape], dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros([normalizedShape], dtype));
        }
    }

    /// <summary>D.</summary>
    public int NormalizedShape { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>γ [D], or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>β [D], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank < 1 || input.Shape[input.Rank - 1] != NormalizedShape)
            throw new ArgumentException($"{Describe()} expects [*, {NormalizedShape}] but got {input.Shape}.");
        return Functional.LayerNorm(input, Weight, Bias, Epsilon);
    }

    /// <inheritdoc/>
    public override string Describe() => $"LayerNorm({NormalizedShape})";
}
