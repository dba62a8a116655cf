namespace Dendrite.NN;

/// <summary>
/// Batch normalization per channel (axis 1): z_norm = (z − μ)/√(σ² + ε), z̃ = γ·z_norm + β, with μ and σ² over the
/// mini-batch (and any positions after the channel axis) in training and the running averages at evaluation time.
/// </summary>
/// <remarks>
/// <para>Parameters <c>weight</c> (γ, ones) and <c>bias</c> (β, zeros); buffers <c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>, as in PyTorch. Running statistics are exponentially weighted averages:
/// running = (1 − momentum)·running + momentum·batch (PyTorch's convention; the course's β = 1 − momentum), with the
/// unbiased batch variance. S. Ioffe, C. Szegedy, "Batch Normalization" (2015). The layer before can drop its bias:
/// β takes its role.</para>
/// </remarks>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the parameters and buffers for <paramref name="channels"/> channels.</summary>
    protected BatchNorm(int channels, double epsilon, double momentum, DType dtype)
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), $"{GetType().Name} needs a positive channel count but got {channels}.");
        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Ones([channels], dtype));
        Bias = RegisterParameter("bias", Tensor.Zeros([channels], dtype));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([channels], dtype));
        RunningVariance = RegisterBuffer("running_var", Tensor.Ones([channels], dtype));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int32));
    }

    /// <summary>C, the size of axis 1.</summary>
    public int Channels { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Weight of the newest batch in the running averages.</summary>
    public double Momentum { get; }

    /// <summary>γ, shape [C].</summary>
    public Tensor Weight { get; }

    /// <summary>β, shape [C].</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean used in evaluation mode, shape [C].</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance used in evaluation mode, shape [C].</summary>
    public Tensor RunningVariance { get; }

    /// <summary>Number of training batches seen.</summary>
    public Tensor BatchesTracked { get; }

    /// <summary>Whether the input's rank is one this layer accepts.</summary>
    protected abstract bool AcceptsRank(int rank);

    /// <summary>The accepted shapes, for error messages, e.g. <c>[N, 16, H, W]</c>.</summary>
    protected abstract string ExpectedShape { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!AcceptsRank(input.Rank) || input.Shape[1] != Channels)
            throw new ArgumentException($"{Describe()} expects {ExpectedShape} but got {input.Shape}.");
        if (!IsTraining) return Functional.BatchNorm(input, RunningMean, RunningVariance, Weight, Bias, training: false, epsilon: Epsilon);
        int m = input.Count / Channels;
        if (m < 2) throw new ArgumentException($"{Describe()} needs more than one value per channel in training mode but got {input.Shape}.");
        return Functional.BatchNorm(input, RunningMean, RunningVariance, Weight, Bias, training: true, Momentum, Epsilon, BatchesTracked);
    }

    /// <inheritdoc/>
    public override string Describe() => $"{GetType().Name}({Channels})";
}
