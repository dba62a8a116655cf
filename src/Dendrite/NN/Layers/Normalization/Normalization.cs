using Dendrite.Tensors.Kernels;

namespace Dendrite.NN;

/// <summary>
/// Input normalization as a layer: y = (x − μ)/√(σ² + ε) per feature, with μ and σ² fitted on the training set and
/// kept as buffers (<c>mean</c>, <c>variance</c>), so the fit is saved and loaded with the model's checkpoints and
/// applied the same way to dev, test and production inputs (Keras's <c>Normalization</c> layer).
/// </summary>
/// <remarks><b>Shape:</b> (N, features) → same.</remarks>
public sealed class Normalization : Module
{
    /// <summary>Creates the layer from fitted statistics: μ and σ² per feature, shape [features], and ε.</summary>
    public Normalization(Tensor mean, Tensor variance, double epsilon = 1e-8)
    {
        if (mean.Rank != 1 || variance.Shape != mean.Shape)
            throw new ArgumentException($"Normalization: mean {mean.Shape} and variance {variance.Shape} must both be [features].");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"Normalization: epsilon must be non-negative but is {epsilon}.");
        Epsilon = epsilon;
        Mean = RegisterBuffer("mean", mean.Clone());
        Variance = RegisterBuffer("variance", variance.Clone());
    }

    /// <summary>Fits μ and σ² on the training inputs [m, features] (the course: normalize with the training set's statistics).</summary>
    public static Normalization Adapt(Tensor trainingInputs, double epsilon = 1e-8)
    {
        trainingInputs.RequireFloatingPoint("Normalization.Adapt");
        if (trainingInputs.Rank != 2 || trainingInputs.Shape[0] == 0)
            throw new ArgumentException($"Normalization.Adapt needs training inputs [m ≥ 1, features] but got {trainingInputs.Shape}.");
        int m = trainingInputs.Shape[0], n = trainingInputs.Shape[1];
        var mean = new double[n];
        var variance = new double[n];
        FeatureMoments.Compute(trainingInputs.ToArray<double>(), m, n, mean, variance);
        return new(Tensor.FromArray(mean, [n]).To(trainingInputs.DType), Tensor.FromArray(variance, [n]).To(trainingInputs.DType), epsilon);
    }

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
