namespace Dendrite.Tensors.Kernels;

/// <summary>Per-feature mean and population variance of m examples × n features, in double precision.</summary>
internal static class FeatureMoments
{
    /// <summary>
    /// μⱼ = (1/m) Σᵢ xᵢⱼ and σ²ⱼ = (1/m) Σᵢ (xᵢⱼ − μⱼ)² for x laid out row-major [m, n] (two passes, so the variance
    /// does not lose digits to cancellation).
    /// </summary>
    public static void Compute(ReadOnlySpan<double> x, int m, int n, Span<double> mean, Span<double> variance)
    {
        mean[..n].Clear();
        variance[..n].Clear();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) mean[j] += x[i * n + j];
        for (int j = 0; j < n; j++) mean[j] /= m;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double d = x[i * n + j] - mean[j];
                variance[j] += d * d;
            }
        for (int j = 0; j < n; j++) variance[j] /= m;
    }
}
