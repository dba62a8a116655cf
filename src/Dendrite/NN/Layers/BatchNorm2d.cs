using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// Batch normalization of convolutional feature maps: per channel c, z_norm = (z − μ_c)/√(σ²_c + ε),
/// z̃ = γ_c·z_norm + β_c, with μ_c and σ²_c over the N·H·W values of the mini-batch in training and the running
/// averages at evaluation time.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, C, H, W) → same. Parameters <c>weight</c> (γ, ones) and <c>bias</c> (β, zeros);
/// buffers <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>, as in PyTorch.</para>
/// <para>Running statistics are exponentially weighted averages: running = (1 − momentum)·running + momentum·batch
/// (PyTorch's convention; the course's β = 1 − momentum), with the unbiased batch variance.
/// S. Ioffe, C. Szegedy, "Batch Normalization" (2015). A preceding Conv2d can drop its bias: β takes its role.</para>
/// </remarks>
public sealed class BatchNorm2d : Module
{
    /// <summary>Creates the layer for <paramref name="channels"/> channels C.</summary>
    /// <param name="channels">C, the number of feature maps (axis 1).</param>
    /// <param name="epsilon">ε added to the variance.</param>
    /// <param name="momentum">Weight of the newest batch in the running averages.</param>
    /// <param name="dtype">Parameter dtype.</param>
    public BatchNorm2d(int channels, double epsilon = 1e-5, double momentum = 0.1, DType dtype = DType.Float32)
    {
        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Ones([channels], dtype));
        Bias = RegisterParameter("bias", Tensor.Zeros([channels], dtype));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([channels], dtype));
        RunningVariance = RegisterBuffer("running_var", Tensor.Ones([channels], dtype));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int32));
    }

    /// <summary>C.</summary>
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

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != Channels)
            throw new ArgumentException($"{Describe()} expects [N, {Channels}, H, W] but got {input.Shape}.");
        if (!IsTraining) return BatchNormOps.Evaluate(input, Weight, Bias, RunningMean, RunningVariance, Epsilon);
        int m = input.Count / Channels;
        if (m < 2) throw new ArgumentException($"{Describe()} needs more than one value per channel in training mode but got {input.Shape}.");
        var mean = new double[Channels];
        var variance = new double[Channels];
        var y = BatchNormOps.Train(input, Weight, Bias, Epsilon, mean, variance);
        RunningStatistics.Update(RunningMean, RunningVariance, BatchesTracked, mean, variance, m, Momentum);
        return y;
    }

    /// <inheritdoc/>
    public override string Describe() => $"BatchNorm2d({Channels})";
}
