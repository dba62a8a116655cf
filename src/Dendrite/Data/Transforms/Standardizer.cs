namespace Dendrite.Data;

/// <summary>
/// Feature-wise standardization, fitted on the training set and reused unchanged for dev and test:
/// x̂ = (x − μ) / √(σ² + ε).
/// </summary>
/// <remarks>
/// μ and σ² are the mean and the population variance (divide by m) of each feature over the training examples,
/// accumulated in float64 with two passes. ε keeps a constant feature (σ² = 0) finite: it maps to 0. Features are
/// every axis after the first, so X [m, n] has n means and images [m, C, H, W] have C·H·W. <see cref="Mean"/> and
/// <see cref="Variance"/> are tensors so a checkpoint can store them; the constructor taking them restores the fit.
/// </remarks>
public sealed class Standardizer
{
    private readonly double[] _mean, _scale;

    /// <summary>Restores a fit from saved statistics.</summary>
    /// <param name="mean">μ, one value per feature.</param>
    /// <param name="variance">σ², one value per feature, non-negative.</param>
    /// <param name="epsilon">ε added to σ² before the square root.</param>
    public Standardizer(Tensor mean, Tensor variance, double epsilon = 1e-8)
    {
        if (mean.Count != variance.Count)
            throw new ArgumentException($"Standardizer: mean {mean.Shape} and variance {variance.Shape} must have the same number of features.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"Standardizer: epsilon must be non-negative but is {epsilon}.");
        _mean = mean.ToArray<double>();
        var v = variance.ToArray<double>();
        _scale = new double[v.Length];
        for (int j = 0; j < v.Length; j++)
        {
            if (!(v[j] >= 0)) throw new ArgumentException($"Standardizer: variance of feature {j} is {v[j]}, not a non-negative number.", nameof(variance));
            _scale[j] = 1 / Math.Sqrt(v[j] + epsilon);
        }
        Epsilon = epsilon;
        Mean = Tensor.FromArray(_mean, [_mean.Length]).To(mean.DType == DType.Int32 ? DType.Float64 : mean.DType);
        Variance = Tensor.FromArray(v, [v.Length]).To(Mean.DType);
    }

    /// <summary>μ per feature, shape [n], in the dtype of the fitted data.</summary>
    public Tensor Mean { get; }

    /// <summary>Population variance σ² per feature, shape [n], in the dtype of the fitted data.</summary>
    public Tensor Variance { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Number of features n.</summary>
    public int Features => _mean.Length;

    /// <summary>Fits μ and σ² per feature on training examples x [m, …] (m ≥ 1).</summary>
    /// <param name="x">The training inputs, float32 or float64, one example per row.</param>
    /// <param name="epsilon">ε added to σ² before the square root.</param>
    public static Standardizer Fit(Tensor x, double epsilon = 1e-8)
    {
        x.RequireFloatingPoint("Standardizer.Fit");
        if (x.Rank < 1 || x.Shape[0] == 0) throw new ArgumentException($"Standardizer.Fit needs at least one example but got shape {x.Shape}.");
        int m = x.Shape[0], n = x.Count / m;
        var mean = new double[n];
        var variance = new double[n];
        Tensors.Kernels.FeatureMoments.Compute(x.ToArray<double>(), m, n, mean, variance);
        return new Standardizer(Tensor.FromArray(mean, [n]).To(x.DType), Tensor.FromArray(variance, [n]).To(x.DType), epsilon);
    }

    /// <summary>(x − μ) / √(σ² + ε) for x [m, …] with the fitted number of features; same shape and dtype.</summary>
    public Tensor Transform(Tensor x) => Apply(x, inverse: false);

    /// <summary>The inverse map x̂·√(σ² + ε) + μ.</summary>
    public Tensor InverseTransform(Tensor x) => Apply(x, inverse: true);

    private Tensor Apply(Tensor x, bool inverse)
    {
        x.RequireFloatingPoint("Standardizer.Transform");
        int n = _mean.Length;
        if (x.Rank < 1 || (x.Shape[0] == 0 ? x.Count != 0 : x.Count / x.Shape[0] != n))
            throw new ArgumentException($"Standardizer was fitted on {n} features but got shape {x.Shape}.");
        var v = x.ToArray<double>();
        for (int i = 0; i < v.Length; i++)
        {
            int j = i % n;
            v[i] = inverse ? v[i] / _scale[j] + _mean[j] : (v[i] - _mean[j]) * _scale[j];
        }
        var y = Tensor.FromArray(v, x.Shape);
        return x.DType == DType.Float64 ? y : y.To(x.DType);
    }
}
