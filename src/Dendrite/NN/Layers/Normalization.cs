using Dendrite.Data;

namespace Dendrite.NN;

/// <summary>
/// Input normalization as a layer: y = (x − μ)/√(σ² + ε) per feature, with μ and σ² fitted on the training set and
/// kept as buffers (<c>mean</c>, <c>variance</c>), so the fit is saved and loaded with the model's checkpoints and
/// applied the same way to dev, test and production inputs (Keras's <c>Normalization</c> layer).
/// </summary>
/// <remarks><b>Shape:</b> (N, features) → same.</remarks>
public sealed class Normalization : Module
{
    /// <summary>Creates the layer from a fitted <see cref="Standardizer"/>.</summary>
    public Normalization(Standardizer standardizer)
    {
        Epsilon = standardizer.Epsilon;
        Mean = RegisterBuffer("mean", standardizer.Mean.Clone());
        Variance = RegisterBuffer("variance", standardizer.Variance.Clone());
    }

    /// <summary>Fits μ and σ² on the training inputs [m, features] (the course: normalize with the training set's statistics).</summary>
    public static Normalization Adapt(Tensor trainingInputs, double epsilon = 1e-8) => new(Standardizer.Fit(trainingInputs, epsilon));

    /// <summary>Per-feature mean μ.</summary>
    public Tensor Mean { get; }

    /// <summary>Per-feature population variance σ².</summary>
    public Tensor Variance { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Shape[1] != Mean.Count)
            throw new ArgumentException($"{Describe()} expects [N, {Mean.Count}] but got {input.Shape}.");
        var mean = Mean.DType == input.DType ? Mean : Mean.To(input.DType);
        var variance = Variance.DType == input.DType ? Variance : Variance.To(input.DType);
        return (input - mean) / (variance + Epsilon).Sqrt();
    }

    /// <inheritdoc/>
    public override string Describe() => $"Normalization({Mean.Count})";
}
