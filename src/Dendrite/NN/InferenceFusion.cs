using System.Numerics;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// Forward passes without a graph that fold an evaluation-mode <see cref="BatchNorm2d"/> into the <see cref="Conv2d"/>
/// before it and apply a following ReLU in place: one pass over the activations instead of three.
/// </summary>
/// <remarks>
/// <para>Batch norm at evaluation time is affine per channel: y = s·(z − μ) + β with s = γ/√(σ² + ε). For z = W∗x + b
/// that is y = (s·W)∗x + s·(b − μ) + β, so the folded filters W'[o] = s[o]·W[o] and bias b'[o] = s[o]·(b[o] − μ[o]) + β[o]
/// give the same result up to rounding (the folding is done in float64). The ReLU then runs in place on the
/// convolution's fresh output, which nothing else references.</para>
/// <para>It applies only when no graph is recorded (<see cref="GradMode"/> off, as in <c>Trainer.Predict</c> and
/// <c>Evaluate</c>), the norm is in evaluation mode, and no summary is being built (whose rows need every layer).
/// Containers ask: <see cref="Sequential"/> for adjacent children (<see cref="Run"/>), residual blocks for their own
/// layers. This is the fusion PyTorch users get from <c>torch.ao.quantization.fuse_modules</c> or TorchScript's <c>freeze</c>.</para>
/// </remarks>
internal static class InferenceFusion
{
    /// <summary>Whether <paramref name="conv"/> followed by <paramref name="norm"/> may run as one folded convolution now.</summary>
    public static bool CanFold(Module conv, Module? norm) =>
        conv is Conv2d && norm is BatchNorm2d { IsTraining: false } && !GradMode.IsEnabled && !ModelSummary.IsBuilding;

    /// <summary>
    /// Runs <paramref name="layers"/>[i], … as one fused unit when no graph is recorded: Conv2d → BatchNorm2d (eval)
    /// (→ Relu) folded, runs of Dense (→ Relu) layers as one <see cref="DenseChain"/>, or Conv2d / Dense → Relu
    /// rectified in place. Returns how many layers ran (0: none, run layer i
    /// on its own).
    /// </summary>
    public static int Run(Module[] layers, int i, ref Tensor x)
    {
        Module? next = i + 1 < layers.Length ? layers[i + 1] : null, after = i + 2 < layers.Length ? layers[i + 2] : null;
        if (CanFold(layers[i], next))
        {
            var (conv, norm) = ((Conv2d)layers[i], (BatchNorm2d)next!);
            if (after is not Relu relu)
            {
                x = Folded(conv, norm, x);
                return 2;
            }
            x = ConvNormRelu(conv, norm, relu, x);
            return 3;
        }
        if (GradMode.IsEnabled || ModelSummary.IsBuilding) return 0;
        if (layers[i] is Dense && DenseChain.Run(layers, i, ref x) is > 0 and int chained) return chained;
        if (layers[i] is not (Conv2d or Dense) || next is not Relu) return 0;
        x = layers[i].Forward(x); // a fresh tensor that nothing else references
        UnaryOps.ApplyInPlace<ReluOp>(x);
        return 2;
    }

    /// <summary>norm(conv(x)), folded when <see cref="CanFold"/> allows.</summary>
    public static Tensor ConvNorm(Conv2d conv, BatchNorm2d norm, Tensor x) =>
        CanFold(conv, norm) ? Folded(conv, norm, x) : norm.Forward(conv.Forward(x));

    /// <summary>relu(norm(conv(x))), folded with the ReLU in place when <see cref="CanFold"/> allows.</summary>
    public static Tensor ConvNormRelu(Conv2d conv, BatchNorm2d norm, Relu relu, Tensor x)
    {
        if (!CanFold(conv, norm)) return relu.Forward(norm.Forward(conv.Forward(x)));
        var y = Folded(conv, norm, x);
        UnaryOps.ApplyInPlace<ReluOp>(y);
        return y;
    }

    /// <summary>
    /// relu(x + shortcut) for a residual block whose <paramref name="x"/> is its own fresh output: without a graph the
    /// sum and the ReLU are one pass written over x (bitwise the same as the add then the ReLU).
    /// </summary>
    public static Tensor AddRelu(Relu relu, Tensor x, Tensor shortcut)
    {
        if (GradMode.IsEnabled || ModelSummary.IsBuilding || x.RequiresGrad || !x.IsContiguous || x.Shape != shortcut.Shape || x.DType != shortcut.DType)
            return relu.Forward(x + shortcut);
        UnaryOps.AddReluInPlace(x, shortcut);
        return x;
    }

    /// <summary>(s·W)∗x + s·(b − μ) + β through <paramref name="conv"/>'s own checks and geometry.</summary>
    internal static Tensor Folded(Conv2d conv, BatchNorm2d norm, Tensor x)
    {
        if (norm.Channels != conv.OutChannels)
            throw new ArgumentException($"{norm.Describe()} cannot follow {conv.Describe()}: {norm.Channels} channels against {conv.OutChannels}.");
        var weight = Tensor.Empty(conv.Weight.Shape, conv.Weight.DType);
        var bias = Tensor.Empty([conv.OutChannels], conv.Weight.DType);
        if (weight.IsFloat64) Fold<double>(conv, norm, weight, bias);
        else Fold<float>(conv, norm, weight, bias);
        return conv.Forward(x, weight, bias);
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
}
