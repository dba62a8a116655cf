using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Interop;

internal sealed partial class OnnxExporter
{
    /// <summary>
    /// AdaptiveAvgPool2d: GlobalAveragePool for a 1×1 output, AveragePool when the cells tile the image evenly, and
    /// otherwise a MatMul of [N, C, H·W] with a fixed [H·W, H'·W'] averaging matrix over PyTorch's cells
    /// (rows ⌊iH/H'⌋ … ⌈(i + 1)H/H'⌉ − 1), since ONNX has no adaptive pooling.
    /// </summary>
    private OnnxValue AdaptiveAvgPool(string path, OnnxValue x, int outH, int outW)
    {
        var sample = new AdaptiveAvgPool2d(outH, outW).Forward(x.Sample);
        int c = x.Sample.Shape[1], h = x.Sample.Shape[2], w = x.Sample.Shape[3];
        if (outH == 1 && outW == 1) return Op("GlobalAveragePool", path, sample, [x.Name]);
        if (h % outH == 0 && w % outW == 0)
            return Op("AveragePool", path, sample, [x.Name], OnnxAttribute.List("kernel_shape", h / outH, w / outW), OnnxAttribute.List("strides", h / outH, w / outW));
        var matrix = new float[h * w * outH * outW];
        for (int i = 0; i < outH; i++)
        {
            int h0 = i * h / outH, h1 = ((i + 1) * h + outH - 1) / outH;
            for (int j = 0; j < outW; j++)
            {
                int w0 = j * w / outW, w1 = ((j + 1) * w + outW - 1) / outW;
                float share = 1f / ((h1 - h0) * (w1 - w0));
                for (int r = h0; r < h1; r++)
                    for (int s = w0; s < w1; s++) matrix[(r * w + s) * outH * outW + i * outW + j] = share;
            }
        }
        string flat = _graph.Node("Reshape", Join(path, "flat"), [x.Name, _graph.Int64s(Join(path, "flat_shape"), 0, c, h * w)]);
        string cells = _graph.Initializer(_graph.Unique(Join(path, "cells")), Tensor.FromArray(matrix, [h * w, outH * outW]));
        string pooled = _graph.Node("MatMul", Join(path, "pooled"), [flat, cells]);
        return Op("Reshape", path, sample, [pooled, _graph.Int64s(Join(path, "shape"), 0, c, outH, outW)]);
    }

    /// <summary>
    /// CeilMaxPool2d: MaxPool with extra padding at the bottom and right (padding never wins a max in ONNX), sized as
    /// the layer's −∞ rows so the last window starts inside the image.
    /// </summary>
    private OnnxValue CeilMaxPool(CeilMaxPool2d pool, string path, OnnxValue x)
    {
        int Extra(int n) => Math.Max(0, (pool.OutputSize(n) - 1) * pool.Stride + pool.KernelSize - n);
        int padH = Extra(x.Sample.Shape[2]), padW = Extra(x.Sample.Shape[3]);
        return Op("MaxPool", path, pool.Forward(x.Sample), [x.Name],
            OnnxAttribute.List("kernel_shape", pool.KernelSize, pool.KernelSize), OnnxAttribute.List("strides", pool.Stride, pool.Stride),
            OnnxAttribute.List("pads", 0, 0, padH, padW));
    }

    /// <summary>Concatenate: every branch from the same input, joined along channels (Concat, axis 1).</summary>
    private OnnxValue Concatenate(Concatenate concatenate, string path, OnnxValue x)
    {
        var branches = concatenate.Children.Select(c => Emit(c.Module, Join(path, c.Name), x)).ToArray();
        return Op("Concat", path, Tensor.Concat([.. branches.Select(b => b.Sample)], 1), [.. branches.Select(b => b.Name)], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>Squeeze-and-excitation: x·σ(fc2(act(fc1(pool(x))))), the gate broadcast over H and W.</summary>
    private OnnxValue SqueezeExcitation(SqueezeExcitation se, string path, OnnxValue x)
    {
        var s = x;
        foreach (var name in new[] { "avgpool", "fc1", "activation", "fc2", "scale_activation" }) s = Child(se, path, name, s);
        return Op("Mul", path, x.Sample * s.Sample, [x.Name, s.Name]);
    }

    /// <summary>BasicBlock / Bottleneck: relu(bn(conv(…)) + shortcut), the shortcut a projection when the block has one.</summary>
    private OnnxValue Residual(Module block, string path, OnnxValue x)
    {
        bool bottleneck = block is Bottleneck;
        var shortcut = block.Children.Any(c => c.Name == "downsample") ? Child(block, path, "downsample", x) : x;
        var y = Child(block, path, "relu1", Child(block, path, "bn1", Child(block, path, "conv1", x)));
        y = Child(block, path, "bn2", Child(block, path, "conv2", y));
        if (bottleneck) y = Child(block, path, "bn3", Child(block, path, "conv3", Child(block, path, "relu2", y)));
        return Child(block, path, bottleneck ? "relu3" : "relu2", Add(path, y, shortcut));
    }

    /// <summary>U-Net: each down block's output kept as a skip and max-pooled, the bottleneck, up blocks joining up-sampled maps with their skips.</summary>
    private OnnxValue UNet(UNet unet, string path, OnnxValue x)
    {
        var skips = new OnnxValue[unet.Depth];
        for (int i = 0; i < unet.Depth; i++)
        {
            string name = $"down{i + 1}";
            skips[i] = Child(unet, path, name, x);
            x = Op("MaxPool", Join(path, $"pool{i + 1}"), Functional.MaxPool2d(skips[i].Sample, 2), [skips[i].Name], Window(2, 2, 0, 0));
        }
        x = Child(unet, path, "bottleneck", x);
        for (int i = unet.Depth - 1; i >= 0; i--)
        {
            string up = Join(path, $"up{i + 1}");
            var block = (UNetUpBlock)unet.GetModule($"up{i + 1}");
            var upsampled = Emit(block.Up, Join(up, "up"), x);
            var merged = Op("Concat", Join(up, "concat"), Tensor.Concat([upsampled.Sample, skips[i].Sample], 1), [upsampled.Name, skips[i].Name], OnnxAttribute.Int("axis", 1));
            var a = Unary("Relu", null, Join(up, "relu1"), Emit(block.Conv1, Join(up, "conv1"), merged));
            x = Unary("Relu", null, Join(up, "relu2"), Emit(block.Conv2, Join(up, "conv2"), a));
        }
        var top = Unary("Relu", null, Join(path, "relu"), Child(unet, path, "conv", x));
        return Child(unet, path, "head", top);
    }

    /// <summary>Writes a UNet conv block (conv, ReLU, conv, ReLU, dropout elided).</summary>
    private OnnxValue UNetConvBlock(UNetConvBlock block, string path, OnnxValue x)
    {
        var a = Unary("Relu", null, Join(path, "relu1"), Emit(block.Conv1, Join(path, "conv1"), x));
        return Unary("Relu", null, Join(path, "relu2"), Emit(block.Conv2, Join(path, "conv2"), a));
    }
}
