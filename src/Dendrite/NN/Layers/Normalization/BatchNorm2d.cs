namespace Dendrite.NN;

/// <summary>
/// Batch normalization of convolutional feature maps (see <see cref="BatchNorm"/>): statistics per channel over the
/// N·H·W values of the mini-batch. <b>Shape:</b> (N, C, H, W) → same.
/// </summary>
/// <param name="channels">C, the number of feature maps (axis 1).</param>
/// <param name="epsilon">ε added to the variance.</param>
/// <param name="momentum">Weight of the newest batch in the running averages.</param>
/// <param name="dtype">Parameter dtype.</param>
public sealed class BatchNorm2d(int channels, double epsilon = 1e-5, double momentum = 0.1, DType dtype = DType.Float32)
    : BatchNorm(channels, epsilon, momentum, dtype)
{
    /// <inheritdoc/>
    protected override bool AcceptsRank(int rank) => rank == 4;

    /// <inheritdoc/>
    protected override string ExpectedShape => $"[N, {Channels}, H, W]";
}
