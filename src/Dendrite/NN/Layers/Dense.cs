namespace Dendrite.NN;

/// <summary>Fully connected layer: y = x·Wᵀ + b, the course's Z[l] = W[l]·A[l−1] + b[l] with examples as rows.</summary>
/// <remarks>
/// <para><b>Shape:</b> (N, *, inFeatures) → (N, *, outFeatures). Weight is [outFeatures, inFeatures], as W[l] is
/// (n[l], n[l−1]) in the course; bias is [outFeatures].</para>
/// </remarks>
public sealed class Dense : Module
{
    /// <summary>Number of input features n[l−1].</summary>
    public int InFeatures { get; }

    /// <summary>Number of output features n[l].</summary>
    public int OutFeatures { get; }

    /// <summary>W, shape [outFeatures, inFeatures].</summary>
    public Tensor Weight { get; }

    /// <summary>b, shape [outFeatures], or null when the layer has no bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Creates the layer; weights come from <paramref name="init"/> (default Xavier, 1/n_in) and biases start at zero.</summary>
    /// <param name="inFeatures">n[l−1].</param>
    /// <param name="outFeatures">n[l].</param>
    /// <param name="bias">Whether to learn a bias (drop it when batch norm follows).</param>
    /// <param name="init">Weight initializer, e.g. <see cref="Init.He"/>.</param>
    /// <param name="random">Seeded generator for the initializer (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public Dense(int inFeatures, int outFeatures, bool bias = true, Initializer? init = null, Random? random = null, DType dtype = DType.Float32)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Dense({inFeatures} => {outFeatures}) needs positive sizes.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var w = Tensor.Zeros([outFeatures, inFeatures], dtype);
        (init ?? Init.Xavier)(w, random ?? Init.DefaultRandom);
        Weight = RegisterParameter("weight", w);
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outFeatures], dtype));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank < 1 || input.Shape[-1] != InFeatures)
            throw new ArgumentException($"{Describe()} expects [N, {InFeatures}] but got {input.Shape}.");
        return Functional.Linear(input, Weight, Bias);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Dense({InFeatures} => {OutFeatures}{(Bias is null ? ", bias: false" : "")})";
}
