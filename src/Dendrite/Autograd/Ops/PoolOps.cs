using Dendrite.Tensors.Kernels;
using static Dendrite.Autograd.TensorMemory;

namespace Dendrite.Autograd;

/// <summary>Max, average and adaptive average pooling in NCHW (<see cref="Pooling"/>); every channel is pooled on its own.</summary>
internal static class PoolOps
{
    /// <summary>y[n, c, oy, ox] = max of the kh×kw window at (oy·s − p, ox·s − p); padding never wins.</summary>
    /// <remarks>Windows that tile the image (kernel = stride, the usual 2×2) keep no arg-max: backward finds it again from x and y.</remarks>
    public static Tensor MaxPool2d(Tensor x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation = default)
    {
        var d = dilation == default ? (1, 1) : dilation;
        var g = Geometry("MaxPool2d", x, kernel, stride, padding, d);
        var xc = x.Contiguous();
        var y = Tensor.Empty(OutputShape(x, g), x.DType);
        if (MaxPoolTiled.Applies(g))
        {
            if (x.IsFloat64) MaxPoolTiled.Forward(g, AsMemory<double>(xc), AsMemory<double>(y));
            else MaxPoolTiled.Forward(g, AsMemory<float>(xc), AsMemory<float>(y));
            return Graph.Record(y, "MaxPool2d", [xc], dy =>
            {
                // ∂y/∂x = 1 for the window's first maximum, 0 for every other element
                var dx = Tensor.Empty(x.Shape, x.DType);
                var dyc = dy.Contiguous();
                if (x.IsFloat64) MaxPoolTiled.Backward(g, AsMemory<double>(xc), AsMemory<double>(y), AsMemory<double>(dyc), AsMemory<double>(dx));
                else MaxPoolTiled.Backward(g, AsMemory<float>(xc), AsMemory<float>(y), AsMemory<float>(dyc), AsMemory<float>(dx));
                return [dx];
            });
        }
        var argMax = Tensor.Empty(y.Shape, DType.Int32);
        if (x.IsFloat64) Pooling.MaxForward(g, AsMemory<double>(xc), AsMemory<double>(y), AsMemory<int>(argMax));
        else Pooling.MaxForward(g, AsMemory<float>(xc), AsMemory<float>(y), AsMemory<int>(argMax));
        return Graph.Record(y, "MaxPool2d", [xc], dy =>
        {
            // ∂y/∂x = 1 for the window's arg-max, 0 for every other element
            var dx = Tensor.Empty(x.Shape, x.DType);
            var dyc = dy.Contiguous();
            if (x.IsFloat64) Pooling.MaxBackward(g, AsMemory<double>(dyc), AsMemory<int>(argMax), AsMemory<double>(dx));
            else Pooling.MaxBackward(g, AsMemory<float>(dyc), AsMemory<int>(argMax), AsMemory<float>(dx));
            return [dx];
        });
    }

    /// <summary>y[n, c, oy, ox] = mean of the kh×kw window; padding counts as zeros when <paramref name="countIncludePad"/> (PyTorch's default).</summary>
    public static Tensor AvgPool2d(Tensor x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, bool countIncludePad = true)
    {
        var g = Geometry("AvgPool2d", x, kernel, stride, padding, (1, 1));
        var xc = x.Contiguous();
        var y = Tensor.Empty(OutputShape(x, g), x.DType);
        if (x.IsFloat64) Pooling.AverageForward(g, AsMemory<double>(xc), AsMemory<double>(y), countIncludePad);
        else Pooling.AverageForward(g, AsMemory<float>(xc), AsMemory<float>(y), countIncludePad);
        return Graph.Record(y, "AvgPool2d", [xc], dy =>
        {
            // ∂(Σ xᵢ/d)/∂xᵢ = 1/d for each element of the window
            var dx = Tensor.Empty(x.Shape, x.DType);
            var dyc = dy.Contiguous();
            if (x.IsFloat64) Pooling.AverageBackward(g, AsMemory<double>(dyc), AsMemory<double>(dx), countIncludePad);
            else Pooling.AverageBackward(g, AsMemory<float>(dyc), AsMemory<float>(dx), countIncludePad);
            return [dx];
        });
    }

    /// <summary>Average pooling of [N, C, H, W] to [N, C, outH, outW] with PyTorch's cell bounds; 1×1 is global average pooling.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outH, int outW)
    {
        x.RequireFloatingPoint("AdaptiveAvgPool2d");
        if (x.Rank != 4) throw new ArgumentException($"AdaptiveAvgPool2d expects [N, C, H, W] but got {x.Shape}.");
        if (outH < 1 || outW < 1) throw new ArgumentException($"AdaptiveAvgPool2d output size {outH}×{outW} must be positive.");
        int planes = x.Shape[0] * x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        if (h == 0 || w == 0) throw new ArgumentException($"AdaptiveAvgPool2d needs a non-empty image but got {x.Shape}.");
        var xc = x.Contiguous();
        var y = Tensor.Empty([x.Shape[0], x.Shape[1], outH, outW], x.DType);
        if (x.IsFloat64) Pooling.AdaptiveAverageForward(planes, h, w, outH, outW, AsMemory<double>(xc), AsMemory<double>(y));
        else Pooling.AdaptiveAverageForward(planes, h, w, outH, outW, AsMemory<float>(xc), AsMemory<float>(y));
        return Graph.Record(y, "AdaptiveAvgPool2d", [xc], dy =>
        {
            // each element of a cell gets dy/(cell size)
            var dx = Tensor.Empty(x.Shape, x.DType);
            var dyc = dy.Contiguous();
            if (x.IsFloat64) Pooling.AdaptiveAverageBackward(planes, h, w, outH, outW, AsMemory<double>(dyc), AsMemory<double>(dx));
            else Pooling.AdaptiveAverageBackward(planes, h, w, outH, outW, AsMemory<float>(dyc), AsMemory<float>(dx));
            return [dx];
        });
    }

    /// <summary>Validates x [N, C, H, W] and the window; the stack of planes is N·C.</summary>
    private static SlidingWindow Geometry(string op, Tensor x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation)
    {
        x.RequireFloatingPoint(op);
        if (x.Rank != 4) throw new ArgumentException($"{op} expects [N, C, H, W] but got {x.Shape}.");
        if (kernel.H < 1 || kernel.W < 1 || stride.H < 1 || stride.W < 1 || dilation.H < 1 || dilation.W < 1)
            throw new ArgumentException($"{op} kernel {kernel}, stride {stride} and dilation {dilation} must be positive.");
        if (padding.H < 0 || padding.W < 0 || padding.H > kernel.H / 2 || padding.W > kernel.W / 2)
            throw new ArgumentException($"{op} padding {padding} must be between 0 and half the kernel {kernel}.");
        var g = new SlidingWindow(x.Shape[0] * x.Shape[1], x.Shape[2], x.Shape[3], kernel.H, kernel.W, stride.H, stride.W,
            padding.H, padding.W, padding.H, padding.W, dilation.H, dilation.W);
        int spanH = dilation.H * (kernel.H - 1) + 1, spanW = dilation.W * (kernel.W - 1) + 1;
        if (g.Height + 2 * padding.H < spanH || g.Width + 2 * padding.W < spanW)
            throw new ArgumentException($"{op} window {kernel.H}×{kernel.W} is larger than the padded input {x.Shape}.");
        return g;
    }

    private static Shape OutputShape(Tensor x, SlidingWindow g) => new(x.Shape[0], x.Shape[1], g.OutHeight, g.OutWidth);
}
