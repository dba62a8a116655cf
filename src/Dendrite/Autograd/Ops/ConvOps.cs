using System.Numerics;
using Dendrite.Tensors.Kernels;
using static Dendrite.Autograd.TensorMemory;

namespace Dendrite.Autograd;

/// <summary>2-D convolution in NCHW (<see cref="Convolution"/>: direct tiles, or im2col + GEMM), forward and backward side by side.</summary>
internal static class ConvOps
{
    /// <summary>
    /// y[n, o] = b[o] + Σ_c Σ_ij w[o, c, i, j]·x[n, g·C/groups + c, oy·s − p + i·d, ox·s − p + j·d] for x [N, C, H, W],
    /// w [O, C/groups, kh, kw], b [O] (or null) → [N, O, H', W'], H' = ⌊(H + pt + pb − d(kh − 1) − 1)/s⌋ + 1.
    /// </summary>
    /// <remarks>Output channel o sees only the input channels of its group g = o/(O/groups); groups = C is depthwise.</remarks>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, (int H, int W) stride,
        (int Top, int Left, int Bottom, int Right) padding, (int H, int W) dilation, int groups) =>
        Conv2d(x, weight, bias, stride, padding, dilation, groups, rectify: false);

    /// <summary>
    /// The convolution above, then with <paramref name="rectify"/> ReLU on the fresh output (outside any graph only): in the Winograd forward's
    /// epilogue where it runs, else in place afterwards; bitwise what a separate ReLU would give.
    /// </summary>
    internal static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, (int H, int W) stride,
        (int Top, int Left, int Bottom, int Right) padding, (int H, int W) dilation, int groups, bool rectify)
    {
        x.RequireFloatingPoint("Conv2d");
        Tensor.RequireSameDType(x, weight, "Conv2d");
        if (bias is not null) Tensor.RequireSameDType(x, bias, "Conv2d");
        var g = Geometry(x, weight, bias, stride, padding, dilation, groups);
        var xc = x.Contiguous();
        var wc = weight.Contiguous();
        var bc = bias?.Contiguous();
        int n = x.Shape[0], o = weight.Shape[0];
        var y = Tensor.Empty([n, o, g.OutHeight, g.OutWidth], x.DType);
        bool inference = !Graph.Records(xc, wc, bc); // nothing differentiates y: the Winograd forward may serve it
        if (rectify && !inference) throw new InvalidOperationException("Conv2d with ReLU fused needs inputs outside any graph.");
        bool rectified = x.IsFloat64
            ? Convolution.Forward(g, groups, o, n, AsMemory<double>(xc), AsMemory<double>(wc), AsMemory<double>(bc), AsMemory<double>(y), inference, rectify)
            : Convolution.Forward(g, groups, o, n, AsMemory<float>(xc), AsMemory<float>(wc), AsMemory<float>(bc), AsMemory<float>(y), inference, rectify);
        if (rectify && !rectified) UnaryOps.ApplyInPlace<ReluOp>(y);
        Tensor[] inputs = bc is null ? [xc, wc] : [xc, wc, bc];
        return Graph.Record(y, "Conv2d", inputs, dy =>
        {
            // ∂L/∂W[o, c, i, j] = Σ_{n,oy,ox} dy·x[n, c, oy·s − p + i·d, …], ∂L/∂x = dy correlated with the taps, ∂L/∂b = Σ_{n,oy,ox} dy
            var dyc = dy.Contiguous();
            var dx = xc.RequiresGrad ? Tensor.Empty(x.Shape, x.DType) : null;
            var dw = wc.RequiresGrad ? wc.NewGradient() : null;
            var db = bc is not null && bc.RequiresGrad ? Tensor.Empty(bc.Shape, x.DType) : null;
            if (x.IsFloat64) Backward<double>(g, groups, o, n, xc, wc, dyc, dx, dw, db);
            else Backward<float>(g, groups, o, n, xc, wc, dyc, dx, dw, db);
            return bc is null ? [dx, dw] : [dx, dw, db];
        });
    }

    private static void Backward<T>(SlidingWindow g, int groups, int o, int n, Tensor x, Tensor w, Tensor dy, Tensor? dx, Tensor? dw, Tensor? db)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dx is not null || dw is not null)
            Convolution.Backward(g, groups, o, n, AsMemory<T>(x), AsMemory<T>(w), AsMemory<T>(dy), AsMemory<T>(dx), AsMemory<T>(dw));
        if (db is not null) Convolution.BiasBackward(n, o, g.OutPlane, AsMemory<T>(dy), AsMemory<T>(db));
    }

    /// <summary>Validates the shapes and hyperparameters and returns the window over one image.</summary>
    private static SlidingWindow Geometry(Tensor x, Tensor w, Tensor? b, (int H, int W) stride,
        (int Top, int Left, int Bottom, int Right) padding, (int H, int W) dilation, int groups)
    {
        if (x.Rank != 4) throw new ArgumentException($"Conv2d expects x [N, C, H, W] but got {x.Shape}.");
        if (w.Rank != 4) throw new ArgumentException($"Conv2d expects weight [O, C/groups, kh, kw] but got {w.Shape}.");
        int c = x.Shape[1], o = w.Shape[0];
        if (groups < 1 || c % groups != 0 || o % groups != 0)
            throw new ArgumentException($"Conv2d groups = {groups} must divide both the {c} input and the {o} output channels.");
        if (w.Shape[1] != c / groups)
            throw new ArgumentException($"Conv2d weight {w.Shape} needs {c / groups} = C/groups input channels for x {x.Shape} with groups = {groups}.");
        if (b is not null && b.Shape != new Shape(o))
            throw new ArgumentException($"Conv2d bias must be [{o}] but is {b.Shape}.");
        if (stride.H < 1 || stride.W < 1 || dilation.H < 1 || dilation.W < 1)
            throw new ArgumentException($"Conv2d stride {stride} and dilation {dilation} must be positive.");
        if (padding.Top < 0 || padding.Left < 0 || padding.Bottom < 0 || padding.Right < 0)
            throw new ArgumentException($"Conv2d padding {padding} must not be negative.");
        var g = new SlidingWindow(c, x.Shape[2], x.Shape[3], w.Shape[2], w.Shape[3], stride.H, stride.W,
            padding.Top, padding.Left, padding.Bottom, padding.Right, dilation.H, dilation.W);
        int spanH = dilation.H * (g.KernelH - 1) + 1, spanW = dilation.W * (g.KernelW - 1) + 1;
        if (g.Height + padding.Top + padding.Bottom < spanH || g.Width + padding.Left + padding.Right < spanW)
            throw new ArgumentException($"Conv2d kernel {g.KernelH}×{g.KernelW} (dilation {dilation}) spans {spanH}×{spanW}, larger than the padded input of x {x.Shape}.");
        return g;
    }
}
