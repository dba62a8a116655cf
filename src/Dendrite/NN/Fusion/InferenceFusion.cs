using System.Numerics;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// Inference fusion as an explicit transform, applied for a scope: <c>using (InferenceFusion.Apply(model)) …</c>.
/// Inside it, the runs of layers each container declares in <see cref="Module.FusionGroups"/> execute as one unit —
/// an evaluation-mode <see cref="BatchNorm2d"/> folded into the <see cref="Conv2d"/> before it, runs of
/// <see cref="Dense"/> layers as one <see cref="DenseChain"/>, a <see cref="Relu"/> applied in place on a fresh output —
/// while every model's <see cref="Module.Forward"/> stays the textbook sequence of layers. <c>Trainer.Predict</c> and
/// <c>Evaluate</c> apply it; training never does. This is what PyTorch users get from
/// <c>torch.ao.quantization.fuse_modules</c> or TorchScript's <c>freeze</c>.
/// </summary>
/// <remarks>
/// <para>Batch norm at evaluation time is affine per channel: y = s·(z − μ) + β with s = γ/√(σ² + ε). For z = W∗x + b
/// that is y = (s·W)∗x + s·(b − μ) + β, so the folded filters W'[o] = s[o]·W[o] and bias b'[o] = s[o]·(b[o] − μ[o]) + β[o]
/// give the same result up to rounding (the folding is done in float64, from the current statistics at every call).
/// The other units are bitwise the same as the layers they replace.</para>
/// <para>A unit computes its fused form only when no graph is recorded and its batch norm is in evaluation mode;
/// otherwise it runs its layers one by one, so applying the transform never changes what training computes.</para>
/// </remarks>
public static class InferenceFusion
{
    [ThreadStatic] private static int t_applied;

    /// <summary>Whether a fusion scope is open on this thread.</summary>
    public static bool IsApplied => t_applied > 0;

    /// <summary>Opens a fusion scope for <paramref name="model"/> (and any other module run on this thread) until disposed.</summary>
    public static FusionScope Apply(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        t_applied++;
        model.EnsureFusionPlan();
        return new FusionScope(() => t_applied--);
    }

    /// <summary>The stand-in of a group's later members: its input passes through (the first member computed the group).</summary>
    internal static Module Passthrough { get; } = new PassthroughModule();

    /// <summary>The fused unit that computes <paramref name="group"/>.</summary>
    internal static Module Unit(Module[] group) => group switch
    {
        [Conv2d conv, BatchNorm2d norm] => new FoldedConvNorm(conv, norm, null),
        [Conv2d conv, BatchNorm2d norm, Relu relu] => new FoldedConvNorm(conv, norm, relu),
        [Dense, ..] when group.Count(m => m is Dense) >= 2 => new DenseRun(group),
        [Conv2d or Dense, Relu relu] => new Rectified(group[0], relu),
        [Relu relu] => new Rectified(null, relu),
        _ => throw new ArgumentException($"No fused unit for {string.Join(" → ", group.Select(m => m.Describe()))}."),
    };

    /// <summary>(s·W)∗x + s·(b − μ) + β through <paramref name="conv"/>'s own checks and geometry; with <paramref name="rectify"/>,
    /// ReLU of it, fused into the convolution's epilogue where it can be.</summary>
    internal static Tensor Folded(Conv2d conv, BatchNorm2d norm, Tensor x, bool rectify = false)
    {
        if (norm.Channels != conv.OutChannels)
            throw new ArgumentException($"{norm.Describe()} cannot follow {conv.Describe()}: {norm.Channels} channels against {conv.OutChannels}.");
        var weight = Tensor.Empty(conv.Weight.Shape, conv.Weight.DType);
        var bias = Tensor.Empty([conv.OutChannels], conv.Weight.DType);
        if (weight.IsFloat64) Fold<double>(conv, norm, weight, bias);
        else Fold<float>(conv, norm, weight, bias);
        return conv.Forward(x, weight, bias, rectify);
    }

    /// <summary>weight[o] = s[o]·W[o], bias[o] = s[o]·(b[o] − μ[o]) + β[o], s = γ/√(σ² + ε), each in float64 then rounded to T.</summary>
    private static void Fold<T>(Conv2d conv, BatchNorm2d norm, Tensor weight, Tensor bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> w = conv.Weight.Contiguous().Span<T>();
        ReadOnlySpan<T> b = conv.Bias is null ? default : conv.Bias.Contiguous().Span<T>();
        ReadOnlySpan<T> gamma = norm.Weight.Contiguous().Span<T>(), beta = norm.Bias.Contiguous().Span<T>();
        ReadOnlySpan<T> mean = norm.RunningMean.Contiguous().Span<T>(), variance = norm.RunningVariance.Contiguous().Span<T>();
        Span<T> fw = weight.Span<T>(), fb = bias.Span<T>();
        int perChannel = w.Length / conv.OutChannels;
        for (int o = 0; o < conv.OutChannels; o++)
        {
            double s = double.CreateTruncating(gamma[o]) / Math.Sqrt(double.CreateTruncating(variance[o]) + norm.Epsilon);
            double shift = (b.IsEmpty ? 0 : double.CreateTruncating(b[o])) - double.CreateTruncating(mean[o]);
            fb[o] = T.CreateTruncating(s * shift + double.CreateTruncating(beta[o]));
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) fw[i] = T.CreateTruncating(s * double.CreateTruncating(w[i]));
        }
    }

    /// <summary>conv → eval batch norm (→ ReLU in place) as one folded convolution.</summary>
    private sealed class FoldedConvNorm(Conv2d conv, BatchNorm2d norm, Relu? relu) : Module
    {
        public override Tensor Forward(Tensor input)
        {
            if (GradMode.IsEnabled || norm.IsTraining)
            {
                var z = norm.Forward(conv.Forward(input));
                return relu?.Forward(z) ?? z;
            }
            return Folded(conv, norm, input, rectify: relu is not null);
        }
    }

    /// <summary>A layer (or a fresh input) followed by a ReLU applied in place: the layer's output is a new tensor nothing else references.</summary>
    private sealed class Rectified(Module? layer, Relu relu) : Module
    {
        public override Tensor Forward(Tensor input)
        {
            if (GradMode.IsEnabled || input.RequiresGrad) return relu.Forward(layer?.Forward(input) ?? input);
            var y = layer?.Forward(input) ?? input;
            UnaryOps.ApplyInPlace<ReluOp>(y);
            return y;
        }
    }

    /// <summary>Dense (→ ReLU) layers as one <see cref="DenseChain"/> where they chain (batch-1…4 weights kept packed); layer
    /// by layer where they do not.</summary>
    private sealed class DenseRun(Module[] layers) : Module
    {
        private readonly WeightPacks _packs = new(layers.Length);

        public override Tensor Forward(Tensor input)
        {
            var x = input;
            for (int i = 0; i < layers.Length;)
            {
                int ran = GradMode.IsEnabled ? 0 : DenseChain.Run(layers, i, ref x, _packs);
                if (ran > 0) i += ran;
                else x = layers[i++].Forward(x);
            }
            return x;
        }
    }

    private sealed class PassthroughModule : Module
    {
        public override Tensor Forward(Tensor input) => input;
    }
}
