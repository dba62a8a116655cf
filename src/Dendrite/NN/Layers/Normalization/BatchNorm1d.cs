namespace Dendrite.NN;

/// <summary>Batch normalization of features (see <see cref="BatchNorm"/>). <b>Shape:</b> (N, C) or (N, C, L) → same.</summary>
/// <param name="numFeatures">C, the size of axis 1.</param>
/// <param name="epsilon">ε added to the variance.</param>
/// <param name="momentum">Weight of the newest batch in the running averages.</param>
/// <param name="dtype">Parameter dtype.</param>
public sealed class BatchNorm1d(int numFeatures, double epsilon = 1e-5, double momentum = 0.1, DType dtype = DType.Float32)
    : BatchNorm(numFeatures, epsilon, momentum, dtype)
{
    /// <summary>C, the number of features.</summary>
    public int NumFeatures => Channels;

    /// <inheritdoc/>
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;

    /// <inheritdoc/>
    protected override string ExpectedShape => $"[N, {Channels}] or [N, {Channels}, L]";
}
