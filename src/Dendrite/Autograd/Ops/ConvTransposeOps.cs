using System.Numerics;
using System.Numerics.Tensors;
using Dendrite.Tensors.Kernels;
using static Dendrite.Autograd.TensorMemory;

namespace Dendrite.Autograd;

/// <summary>
/// 2-D transposed convolution in NCHW, built on the convolution kernels of <see cref="Convolution"/>: the transposed
/// convolution is the input gradient of the convolution that maps its output back to its input.
/// </summary>
/// <remarks>
/// Let conv be the convolution from [N, O, H', W'] to [N, C, H, W] with weight w [C, O/groups, kh, kw], stride s,
/// padding p and dilation d. Then y = convᵀ(x) + b, so the forward is conv's input gradient with x in the place of
/// ∂L/∂(conv output); ∂L/∂x = conv(∂L/∂y) (conv's forward); ∂L/∂w is conv's weight gradient with ∂L/∂y as conv's input
/// and x as its output gradient; ∂L/∂b[o] = Σ_{n,·} ∂L/∂y[n, o, ·].
/// </remarks>
internal static class ConvTransposeOps
{
    /// <summary>
    /// y[n, g·O/groups + o, ys·s − p + i·d, …] += Σ_c x[n, g·C/groups + c, ys, xs]·w[g·C/groups + c, o, i, j], plus b, for
    /// x [N, C, H, W], w [C, O/groups, kh, kw], b [O] (or null) → [N, O, H', W'] with
    /// H' = (H − 1)·s − 2p + d(kh − 1) + output_padding + 1.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) outputPadding, (int H, int W) dilation, int groups)
    {
        x.RequireFloatingPoint("ConvTranspose2d");
        Tensor.RequireSameDType(x, weight, "ConvTranspose2d");
        if (bias is not null) Tensor.RequireSameDType(x, bias, "ConvTranspose2d");
        var g = Geometry(x, weight, bias, stride, padding, outputPadding, dilation, groups);
        // with output_padding ≥ stride (allowed below the dilation) conv's output has extra rows or columns that no
        // input feeds: they are zeros appended to x
        int extraH = g.OutHeight - x.Shape[2], extraW = g.OutWidth - x.Shape[3];
        if (extraH > 0) x = ShapeOps.Concat([x, Tensor.Zeros([x.Shape[0], x.Shape[1], extraH, x.Shape[3]], x.DType)], 2);
        if (extraW > 0) x = ShapeOps.Concat([x, Tensor.Zeros([x.Shape[0], x.Shape[1], x.Shape[2], extraW], x.DType)], 3);
        var xc = x.Contiguous();
        var wc = weight.Contiguous();
        var bc = bias?.Contiguous();
        int n = x.Shape[0], c = x.Shape[1], o = g.Channels;
        var y = Tensor.Empty([n, o, g.Height, g.Width], x.DType);
        if (x.IsFloat64) Forward<double>(g, groups, c, n, xc, wc, bc, y);
        else Forward<float>(g, groups, c, n, xc, wc, bc, y);
        Tensor[] inputs = bc is null ? [xc, wc] : [xc, wc, bc];
        return Graph.Record(y, "ConvTranspose2d", inputs, dy =>
        {
            var dyc = dy.Contiguous();
            var dx = xc.RequiresGrad ? Tensor.Empty(xc.Shape, x.DType) : null;
            var dw = wc.RequiresGrad ? Tensor.Empty(wc.Shape, x.DType) : null;
            var db = bc is not null && bc.RequiresGrad ? Tensor.Empty(bc.Shape, x.DType) : null;
            if (x.IsFloat64) Backward<double>(g, groups, c, n, xc, wc, dyc, dx, dw, db);
            else Backward<float>(g, groups, c, n, xc, wc, dyc, dx, dw, db);
            return bc is null ? [dx, dw] : [dx, dw, db];
        });
    }

    private static void Forward<T>(SlidingWindow g, int groups, int c, int n, Tensor x, Tensor w, Tensor? b, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // y = convᵀ(x): conv's input gradient for the output gradient x (conv's input is not read)
        Convolution.Backward(g, groups, c, n, default, AsMemory<T>(w), AsMemory<T>(x), AsMemory<T>(y), default);
        if (b is null) return;
        Span<T> ys = y.Span<T>();
        ReadOnlySpan<T> bs = b.Span<T>();
        int plane = g.InPlane;
        for (int i = 0; i < n * g.Channels; i++)
        {
            var p = ys.Slice(i * plane, plane);
            TensorPrimitives.Add(p, bs[i % g.Channels], p);
        }
    }

    private static void Backward<T>(SlidingWindow g, int groups, int c, int n, Tensor x, Tensor w, Tensor dy, Tensor? dx, Tensor? dw, Tensor? db)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // ∂L/∂x = conv(∂L/∂y) with the same filters, no bias
        if (dx is not null) Convolution.Forward(g, groups, c, n, AsMemory<T>(dy), AsMemory<T>(w), default, AsMemory<T>(dx));
        // ∂L/∂w[c, o, i, j] = Σ_{n,ys,xs} x[n, c, ys, xs]·∂L/∂y[n, o, ys·s − p + i·d, …]: conv's weight gradient
        if (dw is not null) Convolution.Backward(g, groups, c, n, AsMemory<T>(dy), AsMemory<T>(w), AsMemory<T>(x), default, AsMemory<T>(dw));
        // ∂L/∂b[o] = Σ_{n,·} ∂L/∂y[n, o, ·]
        if (db is not null) Convolution.BiasBackward(n, g.Channels, g.InPlane, AsMemory<T>(dy), AsMemory<T>(db));
    }

    /// <summary>
    /// Validates the shapes and hyperparameters and returns the window of the convolution this one transposes: over the
    /// output [O, H', W'], giving the input's H × W (or more, when output_padding ≥ stride).
    /// </summary>
    private static SlidingWindow Geometry(Tensor x, Tensor w, Tensor? b, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) outputPadding, (int H, int W) dilation, int groups)
    {
        if (x.Rank != 4) throw new ArgumentException($"ConvTranspose2d expects x [N, C, H, W] but got {x.Shape}.");
        if (w.Rank != 4) throw new ArgumentException($"ConvTranspose2d expects weight [C, O/groups, kh, kw] but got {w.Shape}.");
        int c = x.Shape[1];
        if (groups < 1 || c % groups != 0)
            throw new ArgumentException($"ConvTranspose2d groups = {groups} must divide the {c} input channels of x {x.Shape}.");
        if (w.Shape[0] != c)
            throw new ArgumentException($"ConvTranspose2d weight {w.Shape} needs {c} = C rows for x {x.Shape}.");
        int o = w.Shape[1] * groups;
        if (b is not null && b.Shape != new Shape(o))
            throw new ArgumentException($"ConvTranspose2d bias must be [{o}] but is {b.Shape}.");
        if (stride.H < 1 || stride.W < 1 || dilation.H < 1 || dilation.W < 1)
            throw new ArgumentException($"ConvTranspose2d stride {stride} and dilation {dilation} must be positive.");
        if (padding.H < 0 || padding.W < 0)
            throw new ArgumentException($"ConvTranspose2d padding {padding} must not be negative.");
        if (outputPadding.H < 0 || outputPadding.W < 0
            || outputPadding.H >= Math.Max(stride.H, dilation.H) || outputPadding.W >= Math.Max(stride.W, dilation.W))
            throw new ArgumentException($"ConvTranspose2d output_padding {outputPadding} must be smaller than the stride {stride} or the dilation {dilation}.");
        int kh = w.Shape[2], kw = w.Shape[3];
        int outH = (x.Shape[2] - 1) * stride.H - 2 * padding.H + dilation.H * (kh - 1) + outputPadding.H + 1;
        int outW = (x.Shape[3] - 1) * stride.W - 2 * padding.W + dilation.W * (kw - 1) + outputPadding.W + 1;
        if (outH < 1 || outW < 1)
            throw new ArgumentException($"ConvTranspose2d of x {x.Shape} with weight {w.Shape}, stride {stride} and padding {padding} would give a {outH}×{outW} output.");
        return new SlidingWindow(o, outH, outW, kh, kw, stride.H, stride.W, padding.H, padding.W, padding.H, padding.W, dilation.H, dilation.W);
    }
}
