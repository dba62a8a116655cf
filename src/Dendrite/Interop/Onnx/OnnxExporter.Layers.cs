using Dendrite.NN;

namespace Dendrite.Interop;

internal sealed partial class OnnxExporter
{
    /// <summary>Dense: y = x·Wᵀ + b as Gemm (transB = 1) on [N, in]; MatMul with Wᵀ then Add on [N, …, in].</summary>
    private OnnxValue Dense(Dense dense, string path, OnnxValue x)
    {
        var sample = dense.Forward(x.Sample);
        string weight = Weight(dense.Weight, path, "weight");
        string? bias = dense.Bias is null ? null : Weight(dense.Bias, path, "bias");
        if (x.Sample.Rank == 2)
            return Op("Gemm", path, sample, bias is null ? [x.Name, weight] : [x.Name, weight, bias], OnnxAttribute.Int("transB", 1));
        string transposed = _graph.Node("Transpose", Join(path, "weight_t"), [weight], OnnxAttribute.List("perm", 1, 0));
        var product = Op("MatMul", bias is null ? path : Join(path, "matmul"), sample, [x.Name, transposed]);
        return bias is null ? product : Op("Add", path, sample, [product.Name, bias]);
    }

    /// <summary>Conv2d as Conv: pads [top, left, bottom, right] ("same" resolved as the layer does), strides, dilations, group.</summary>
    private OnnxValue Conv(Conv2d conv, string path, OnnxValue x)
    {
        var (top, left, bottom, right) = conv.Padding.Resolve(conv.KernelSize, conv.Dilation);
        string[] inputs = conv.Bias is null ? [x.Name, Weight(conv.Weight, path, "weight")]
            : [x.Name, Weight(conv.Weight, path, "weight"), Weight(conv.Bias, path, "bias")];
        return Op("Conv", path, conv.Forward(x.Sample), inputs,
            OnnxAttribute.List("kernel_shape", conv.KernelSize, conv.KernelSize), OnnxAttribute.List("strides", conv.Stride, conv.Stride),
            OnnxAttribute.List("pads", top, left, bottom, right), OnnxAttribute.List("dilations", conv.Dilation, conv.Dilation),
            OnnxAttribute.Int("group", conv.Groups));
    }

    /// <summary>ConvTranspose2d as ConvTranspose; both keep the weight as [C_in, C_out/groups, k, k].</summary>
    private OnnxValue ConvTranspose(ConvTranspose2d conv, string path, OnnxValue x)
    {
        string[] inputs = conv.Bias is null ? [x.Name, Weight(conv.Weight, path, "weight")]
            : [x.Name, Weight(conv.Weight, path, "weight"), Weight(conv.Bias, path, "bias")];
        int p = conv.Padding;
        return Op("ConvTranspose", path, conv.Forward(x.Sample), inputs,
            OnnxAttribute.List("kernel_shape", conv.KernelSize, conv.KernelSize), OnnxAttribute.List("strides", conv.Stride, conv.Stride),
            OnnxAttribute.List("pads", p, p, p, p), OnnxAttribute.List("dilations", conv.Dilation, conv.Dilation),
            OnnxAttribute.List("output_padding", conv.OutputPadding, conv.OutputPadding), OnnxAttribute.Int("group", conv.Groups));
    }

    /// <summary>Evaluation batch norm: y = γ·(x − μ)/√(σ² + ε) + β with the running μ, σ² (BatchNormalization).</summary>
    private OnnxValue BatchNorm(BatchNorm norm, string path, OnnxValue x) =>
        Op("BatchNormalization", path, norm.Forward(x.Sample),
            [x.Name, Weight(norm.Weight, path, "weight"), Weight(norm.Bias, path, "bias"),
             Weight(norm.RunningMean, path, "running_mean"), Weight(norm.RunningVariance, path, "running_var")],
            OnnxAttribute.Float("epsilon", norm.Epsilon));

    /// <summary>Normalization: y = (x − μ)/√(σ² + ε) as Sub, Add, Sqrt and Div.</summary>
    private OnnxValue Standardize(Normalization norm, string path, OnnxValue x)
    {
        string centred = _graph.Node("Sub", Join(path, "centred"), [x.Name, Weight(norm.Mean, path, "mean")]);
        string variance = _graph.Node("Add", Join(path, "variance"), [Weight(norm.Variance, path, "variance"), _graph.Scalar(Join(path, "epsilon"), norm.Epsilon)]);
        string std = _graph.Node("Sqrt", Join(path, "std"), [variance]);
        return Op("Div", path, norm.Forward(x.Sample), [centred, std]);
    }

    /// <summary>min(max(x, lo), hi) as Clip, whose bounds are inputs since opset 11 (ReLU6 is Clip 0…6).</summary>
    private OnnxValue Clip(string path, OnnxValue x, double lo, double hi) =>
        Op("Clip", path, x.Sample.Clamp(lo, hi), [x.Name, _graph.Scalar(Join(path, "min"), lo), _graph.Scalar(Join(path, "max"), hi)]);

    /// <summary>SiLU: x·σ(x) as Sigmoid then Mul (ONNX has no SiLU operator before opset 24).</summary>
    private OnnxValue SiluProduct(string path, OnnxValue x)
    {
        string gate = _graph.Node("Sigmoid", Join(path, "sigmoid"), [x.Name]);
        return Op("Mul", path, Functional.Silu(x.Sample), [x.Name, gate]);
    }

    private OnnxValue MaxPool(MaxPool2d pool, string path, OnnxValue x) =>
        Op("MaxPool", path, pool.Forward(x.Sample), [x.Name], Window(pool.KernelSize, pool.Stride, pool.Padding, pool.Padding));

    private OnnxValue AvgPool(AvgPool2d pool, string path, OnnxValue x) =>
        Op("AveragePool", path, pool.Forward(x.Sample), [x.Name],
            [.. Window(pool.KernelSize, pool.Stride, pool.Padding, pool.Padding), OnnxAttribute.Int("count_include_pad", pool.CountIncludePad ? 1 : 0)]);

    /// <summary>kernel_shape, strides and pads [top, left, bottom, right] of a square pooling window.</summary>
    private static OnnxAttribute[] Window(int kernel, int stride, int padBegin, int padEnd) =>
        [OnnxAttribute.List("kernel_shape", kernel, kernel), OnnxAttribute.List("strides", stride, stride),
         OnnxAttribute.List("pads", padBegin, padBegin, padEnd, padEnd)];

    /// <summary>[N, C, H, W] → [N, C]: GlobalAveragePool then Flatten.</summary>
    private OnnxValue GlobalAvgPool(string path, OnnxValue x)
    {
        string pooled = _graph.Node("GlobalAveragePool", Join(path, "mean"), [x.Name]);
        return Op("Flatten", path, new GlobalAvgPool2d().Forward(x.Sample), [pooled], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>ZeroPad2d as Pad with pads [0, 0, top, left, 0, 0, bottom, right] (constant mode, value 0).</summary>
    private OnnxValue ZeroPad(ZeroPad2d pad, string path, OnnxValue x) =>
        Op("Pad", path, pad.Forward(x.Sample), [x.Name, _graph.Int64s(Join(path, "pads"), 0, 0, pad.Top, pad.Left, 0, 0, pad.Bottom, pad.Right)]);

    /// <summary>Upsample as Resize with scales [1, 1, H'/H, W'/W]: nearest takes ⌊o/scale⌋ (asymmetric, floor), bilinear half-pixel centres or aligned corners.</summary>
    private OnnxValue Upsample(Upsample upsample, string path, OnnxValue x)
    {
        var y = upsample.Forward(x.Sample);
        var scales = Tensor.FromArray([1f, 1f, (float)y.Shape[2] / x.Sample.Shape[2], (float)y.Shape[3] / x.Sample.Shape[3]]);
        string scalesName = _graph.Initializer(_graph.Unique(Join(path, "scales")), scales);
        OnnxAttribute[] attributes = upsample.Mode == InterpolationMode.Nearest
            ? [OnnxAttribute.Text("mode", "nearest"), OnnxAttribute.Text("coordinate_transformation_mode", "asymmetric"), OnnxAttribute.Text("nearest_mode", "floor")]
            : [OnnxAttribute.Text("mode", "linear"), OnnxAttribute.Text("coordinate_transformation_mode", upsample.AlignCorners ? "align_corners" : "pytorch_half_pixel")];
        return Op("Resize", path, y, [x.Name, "", scalesName], attributes);
    }
}
