using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// The differentiable functions layers are made of, as PyTorch's <c>torch.nn.functional</c>: every layer's
/// <c>Forward</c> checks its input and calls one of these, and a custom model can call them directly with its own
/// tensors. Each records its backward when a graph is being built.
/// </summary>
/// <example><code>
/// using F = Dendrite.NN.Functional;
/// var a1 = F.Relu(F.Conv2d(x, w1, b1, padding: 1));       // [N, C, H, W] → [N, C1, H, W]
/// var y = F.Linear(F.Flatten(F.MaxPool2d(a1, 2)), w2, b2); // [N, C1·H/2·W/2] → [N, classes]
/// </code></example>
public static class Functional
{
    /// <summary>y = x·Wᵀ + b. <b>Shape:</b> x (N, *, in), weight (out, in), bias (out) → (N, *, out).</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) => input.Linear(weight, bias);

    /// <summary>
    /// 2-D cross-correlation y[n, o] = b[o] + Σ_c Σ_(i,j) w[o, c, i, j]·x[n, g·C/groups + c, s·h + d·i − pad, s·w + d·j − pad].
    /// <b>Shape:</b> x (N, C, H, W), weight (O, C/groups, k, k), bias (O) → (N, O, H_out, W_out) with
    /// H_out = ⌊(H + pad_top + pad_bottom − d·(k − 1) − 1)/s⌋ + 1.
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, ConvPadding padding = default, int dilation = 1, int groups = 1)
    {
        if (padding.IsSame && stride != 1)
            throw new ArgumentException($"Conv2d: padding \"same\" needs stride 1 but stride is {stride}.", nameof(padding));
        return ConvOps.Conv2d(input, weight, bias, (stride, stride), padding.Resolve(weight.Shape[-1], dilation), (dilation, dilation), groups);
    }

    /// <summary>
    /// 2-D transposed convolution (the input gradient of <see cref="Conv2d"/>): each input pixel scatters
    /// x[n, c, h, w]·weight[c, o] into the output at (h·s − pad + d·i, w·s − pad + d·j), plus bias[o].
    /// <b>Shape:</b> x (N, C, H, W), weight (C, O/groups, k, k), bias (O) → (N, O, H_out, W_out) with
    /// H_out = (H − 1)·s − 2·pad + d·(k − 1) + outputPadding + 1.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0,
        int groups = 1, int dilation = 1) =>
        ConvTransposeOps.ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), (dilation, dilation), groups);

    /// <summary>
    /// Resizes images by <paramref name="scaleFactor"/> (PyTorch's <c>F.interpolate(x, scale_factor=…)</c>): nearest copies
    /// x[⌊o/scale⌋]; bilinear weighs the two nearest rows and columns of the source point (o + ½)/scale − ½, or
    /// o·(in − 1)/(out − 1) with <paramref name="alignCorners"/>. <b>Shape:</b> (N, C, H, W) → (N, C, ⌊H·scale⌋, ⌊W·scale⌋).
    /// </summary>
    public static Tensor Interpolate(Tensor input, double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        if (!(scaleFactor > 0)) throw new ArgumentOutOfRangeException(nameof(scaleFactor), $"Interpolate needs a positive scale factor but got {scaleFactor}.");
        if (input.Rank != 4) throw new ArgumentException($"Interpolate expects [N, C, H, W] but got {input.Shape}.", nameof(input));
        RequireBilinearForAlignCorners(mode, alignCorners);
        int outH = (int)Math.Floor(input.Shape[2] * scaleFactor), outW = (int)Math.Floor(input.Shape[3] * scaleFactor);
        return UpsampleOps.Interpolate(input, outH, outW, mode == InterpolationMode.Bilinear, alignCorners, (scaleFactor, scaleFactor));
    }

    /// <summary>Resizes images to <paramref name="size"/> (PyTorch's <c>F.interpolate(x, size=…)</c>, scale = in/out). <b>Shape:</b> (N, C, H, W) → (N, C, size.H, size.W).</summary>
    public static Tensor Interpolate(Tensor input, (int H, int W) size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        RequireBilinearForAlignCorners(mode, alignCorners);
        return UpsampleOps.Interpolate(input, size.H, size.W, mode == InterpolationMode.Bilinear, alignCorners, null);
    }

    private static void RequireBilinearForAlignCorners(InterpolationMode mode, bool alignCorners)
    {
        if (alignCorners && mode != InterpolationMode.Bilinear)
            throw new ArgumentException($"Interpolate: alignCorners applies to bilinear resizing only, not {mode}.", nameof(alignCorners));
    }

    /// <summary>The maximum of each k×k window (stride defaults to k). <b>Shape:</b> (N, C, H, W) → (N, C, H_out, W_out).</summary>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        PoolOps.MaxPool2d(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding));

    /// <summary>The mean of each k×k window; padded zeros count unless <paramref name="countIncludePad"/> is false.</summary>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool countIncludePad = true) =>
        PoolOps.AvgPool2d(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), countIncludePad);

    /// <summary>Means over an adaptive grid of outH × outW windows (PyTorch's bin edges). <b>Shape:</b> (N, C, H, W) → (N, C, outH, outW).</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outH, int outW) => PoolOps.AdaptiveAvgPool2d(input, outH, outW);

    /// <summary>
    /// Batch normalization over every axis but the channel axis 1: y = γ·(x − μ)/√(σ² + ε) + β. In training the batch's
    /// μ and σ² are used and, when running statistics are given, folded into them with
    /// r ← (1 − momentum)·r + momentum·stat (σ² unbiased); in evaluation the running statistics are used.
    /// <b>Shape:</b> (N, C) or (N, C, H, W) → same; weight, bias and the running statistics are (C).
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVariance, Tensor weight, Tensor bias,
        bool training, double momentum = 0.1, double epsilon = 1e-5, Tensor? batchesTracked = null)
    {
        if (!training)
            return BatchNormOps.Evaluate(input, weight, bias,
                runningMean ?? throw new ArgumentNullException(nameof(runningMean), "BatchNorm in evaluation needs the running mean."),
                runningVariance ?? throw new ArgumentNullException(nameof(runningVariance), "BatchNorm in evaluation needs the running variance."), epsilon);
        int channels = input.Shape[1], m = input.Count / channels;
        var mean = TensorArena.StepDoubles(channels); // the backward keeps the batch mean until it runs
        var variance = TensorArena.StepDoubles(channels);
        var y = BatchNormOps.Train(input, weight, bias, epsilon, mean, variance);
        if (runningMean is not null && runningVariance is not null)
            RunningStatistics.Update(runningMean, runningVariance, batchesTracked ?? Tensor.Zeros([], DType.Int32), mean, variance, m, momentum);
        return y;
    }

    /// <summary>
    /// L2 normalization y = x / max(‖x‖₂, ε) along <paramref name="axis"/>, as PyTorch's <c>F.normalize(x, p=2)</c>:
    /// each vector along the axis gets unit length (or stays near zero when its norm is below ε).
    /// <b>Shape:</b> any → same.
    /// </summary>
    public static Tensor Normalize(Tensor input, int axis = -1, double epsilon = 1e-12) => NormalizeOp.Apply(input, axis, epsilon);

    /// <summary>
    /// Squared Euclidean distances between every row of x and every row of y: D[i, j] = ‖xᵢ − yⱼ‖², summed exactly per
    /// element (never negative). <b>Shape:</b> x (N, D), y (M, D) → (N, M); pass one batch twice for its (N, N) matrix.
    /// </summary>
    public static Tensor PairwiseSquaredDistances(Tensor x, Tensor y) => DistanceOps.PairwiseSquared(x, y);

    /// <summary>Inverted dropout: each element is zeroed with probability p and the rest scaled by 1/(1 − p), drawn from <paramref name="random"/>; identity when not training.</summary>
    public static Tensor Dropout(Tensor input, double p, Random random, bool training = true)
    {
        if (!training || p == 0) return input;
        var mask = Tensor.Empty(input.Shape, input.DType); // from the training step's arena, if any
        double keep = 1 - p, scale = 1 / keep;
        if (input.IsFloat64) FillMask(mask.Span<double>(), random, keep, scale);
        else FillMask(mask.Span<float>(), random, keep, (float)scale);
        return input * mask;
    }

    /// <summary>
    /// Rows of <paramref name="weight"/> [V, D] for Int32 <paramref name="indices"/> of any shape. <b>Shape:</b> (*) → (*, D).
    /// The gradient reaches only the rows used, and never <paramref name="paddingIndex"/> (−1: none).
    /// </summary>
    public static Tensor Embedding(Tensor indices, Tensor weight, int paddingIndex = -1) => EmbeddingOps.Lookup(weight, indices, paddingIndex);

    /// <summary>Int32 class indices as one-hot rows. <b>Shape:</b> (*) → (*, classes), 1 at each index, 0 elsewhere.</summary>
    public static Tensor OneHot(Tensor indices, int classes, DType dtype = DType.Float32)
    {
        if (indices.DType != DType.Int32) throw new ArgumentException($"OneHot needs Int32 indices but got {indices.DType} {indices.Shape}.", nameof(indices));
        var index = indices.Contiguous().ToArray<int>();
        var values = new double[index.Length * classes];
        for (int k = 0; k < index.Length; k++)
        {
            if ((uint)index[k] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(indices), $"OneHot index {index[k]} is outside [0, {classes}).");
            values[k * classes + index[k]] = 1;
        }
        return Tensor.FromArray(values, [.. indices.Shape.ToArray(), classes]).To(dtype);
    }

    /// <summary>min(max(x, min), max); the gradient passes where min ≤ x ≤ max.</summary>
    public static Tensor Clamp(Tensor input, double min, double max) => input.Clamp(min, max);

    /// <summary>
    /// Layer normalization over the last axis: (x − μ)/√(σ² + ε)·γ + β with μ and σ² (biased) of each row of D values.
    /// <b>Shape:</b> (*, D) → (*, D); γ and β are [D] or null.
    /// </summary>
    public static Tensor LayerNorm(Tensor input, Tensor? weight, Tensor? bias, double epsilon = 1e-5)
    {
        var centered = input - input.Mean(-1, keepDim: true);
        var y = centered * ((centered * centered).Mean(-1, keepDim: true) + epsilon).Pow(-0.5);
        if (weight is not null) y *= weight;
        return bias is null ? y : y + bias;
    }

    /// <summary>
    /// Scaled dot-product attention softmax(Q·Kᵀ/√d + M)·V for Q [B, L, d], K [B, S, d], V [B, S, dv] → ([B, L, dv],
    /// the weights [B, L, S]). <paramref name="mask"/> is added to the scores (−∞ where a position may not be attended;
    /// [L, S] or [B, L, S]); <paramref name="causal"/> also hides every key after the query's own position. With
    /// <paramref name="dropout"/> &gt; 0 the weights are dropped (drawn from <paramref name="random"/>) before they weigh V,
    /// and the returned weights are the dropped ones, as PyTorch's.
    /// </summary>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? mask = null, bool causal = false,
        double dropout = 0, Random? random = null)
    {
        if (query.Rank != 3 || key.Rank != 3 || value.Rank != 3 || query.Shape[2] != key.Shape[2] || key.Shape[1] != value.Shape[1]
            || query.Shape[0] != key.Shape[0] || key.Shape[0] != value.Shape[0])
            throw new ArgumentException($"Attention expects Q [B, L, d], K [B, S, d], V [B, S, dv] but got {query.Shape}, {key.Shape}, {value.Shape}.");
        var scores = (query * (1 / Math.Sqrt(query.Shape[2]))).MatMul(key.Transpose(1, 2));
        if (mask is not null) scores += mask;
        if (causal) scores += CausalMask(query.Shape[1], key.Shape[1], query.DType);
        var weights = scores.Softmax(-1);
        if (dropout > 0) weights = Dropout(weights, dropout, random ?? throw new ArgumentNullException(nameof(random), "Attention dropout needs a generator."));
        return (weights.MatMul(value), weights);
    }

    /// <summary>An additive [L, S] mask: 0 where key j ≤ query i, −∞ after (a decoder may not look ahead).</summary>
    public static Tensor CausalMask(int queries, int keys, DType dtype = DType.Float32)
    {
        var values = new double[queries * keys];
        for (int i = 0; i < queries; i++)
            for (int j = i + 1; j < keys; j++) values[i * keys + j] = double.NegativeInfinity;
        return Tensor.FromArray(values, [queries, keys]).To(dtype);
    }

    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor input) => input.Relu();

    /// <summary>min(max(x, 0), 6).</summary>
    public static Tensor Relu6(Tensor input) => input.Relu6();

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor input, double slope = 0.01) => input.LeakyRelu(slope);

    /// <summary>σ(x) = 1/(1 + e^−x).</summary>
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    /// <summary>tanh(x).</summary>
    public static Tensor Tanh(Tensor input) => input.Tanh();

    /// <summary>x·σ(x) (swish).</summary>
    public static Tensor Silu(Tensor input) => input.Silu();

    /// <summary>x·relu6(x + 3)/6.</summary>
    public static Tensor Hardswish(Tensor input) => input.Hardswish();

    /// <summary>e^x / Σ e^x along <paramref name="axis"/>.</summary>
    public static Tensor Softmax(Tensor input, int axis = -1) => input.Softmax(axis);

    /// <summary>x − log Σ e^x along <paramref name="axis"/>.</summary>
    public static Tensor LogSoftmax(Tensor input, int axis = -1) => input.LogSoftmax(axis);

    /// <summary>Zeros around the last two axes. <b>Shape:</b> (N, C, H, W) → (N, C, H + top + bottom, W + left + right).</summary>
    public static Tensor Pad(Tensor input, int left, int right, int top, int bottom) =>
        PadAxis(PadAxis(input, input.Rank - 2, top, bottom), input.Rank - 1, left, right);

    /// <summary>Every axis after the first joined into one. <b>Shape:</b> (N, *) → (N, ∏*).</summary>
    public static Tensor Flatten(Tensor input) => input.Reshape(input.Shape[0], input.Count / Math.Max(1, input.Shape[0]));

    /// <summary>Concatenates zero blocks before and after x along <paramref name="axis"/> (the gradient slices them off).</summary>
    private static Tensor PadAxis(Tensor x, int axis, int before, int after)
    {
        if (before == 0 && after == 0) return x;
        var parts = new List<Tensor>(3);
        if (before > 0) parts.Add(Tensor.Zeros(Resized(x.Shape, axis, before), x.DType));
        parts.Add(x);
        if (after > 0) parts.Add(Tensor.Zeros(Resized(x.Shape, axis, after), x.DType));
        return Tensor.Concat(parts, axis);
    }

    private static Shape Resized(Shape shape, int axis, int size)
    {
        var dims = shape.ToArray();
        dims[axis] = size;
        return new Shape(dims);
    }

    /// <summary>mask[i] = scale with probability keep, else 0, in draw order.</summary>
    private static void FillMask<T>(Span<T> mask, Random random, double keep, T scale) where T : unmanaged, System.Numerics.INumber<T>
    {
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextDouble() < keep ? scale : T.Zero;
    }
}
