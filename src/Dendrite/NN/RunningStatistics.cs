namespace Dendrite.NN;

/// <summary>The exponentially weighted running averages that batch-norm layers use at evaluation time.</summary>
internal static class RunningStatistics
{
    /// <summary>running = (1 − momentum)·running + momentum·batch, with the unbiased variance σ²·m/(m − 1).</summary>
    public static void Update(Tensor runningMean, Tensor runningVariance, Tensor batchesTracked, double[] mean, double[] variance, int m, double momentum)
    {
        double unbias = m / (m - 1.0);
        for (int c = 0; c < mean.Length; c++)
        {
            if (runningMean.IsFloat64)
            {
                ref double rm = ref runningMean.Span<double>()[c], rv = ref runningVariance.Span<double>()[c];
                rm = (1 - momentum) * rm + momentum * mean[c];
                rv = (1 - momentum) * rv + momentum * variance[c] * unbias;
            }
            else
            {
                ref float rm = ref runningMean.Span<float>()[c], rv = ref runningVariance.Span<float>()[c];
                rm = (float)((1 - momentum) * rm + momentum * mean[c]);
                rv = (float)((1 - momentum) * rv + momentum * variance[c] * unbias);
            }
        }
        batchesTracked.Span<int>()[0]++;
    }
}
