using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// im2col and col2im for one [C, H, W] image: every kernel window becomes a column, so a convolution is one GEMM.
/// </summary>
/// <remarks>
/// The matrix is [C·kh·kw, H'·W'] row-major: cols[(c·kh + i)·kw + j, oy·W' + ox] =
/// x[c, oy·sh − pt + i·dh, ox·sw − pl + j·dw], and 0 where that falls in the padding. The names follow
/// PyTorch's <c>unfold</c>/<c>fold</c>.
/// </remarks>
internal static class Im2Col
{
    /// <summary>im2col: writes the window columns of <paramref name="image"/> into <paramref name="cols"/>.</summary>
    public static void Unfold<T>(in SlidingWindow g, ReadOnlySpan<T> image, Span<T> cols) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelH; i++)
                for (int j = 0; j < g.KernelW; j++, row++)
                {
                    int dx = j * g.DilationW - g.PadLeft;
                    var (x0, x1) = SlidingWindow.InsideRange(dx, g.StrideW, g.Width, ow);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        Span<T> dst = cols.Slice((row * oh + oy) * ow, ow);
                        int iy = oy * g.StrideH - g.PadTop + i * g.DilationH;
                        // A tap that never lands inside the image (padding wider than the input) reads only zeros.
                        if ((uint)iy >= (uint)g.Height || x0 >= x1) { dst.Clear(); continue; }
                        dst[..x0].Clear();
                        dst[x1..].Clear();
                        ReadOnlySpan<T> src = image.Slice((c * g.Height + iy) * g.Width, g.Width);
                        if (g.StrideW == 1) src.Slice(x0 + dx, x1 - x0).CopyTo(dst[x0..x1]);
                        else for (int ox = x0; ox < x1; ox++) dst[ox] = src[ox * g.StrideW + dx];
                    }
                }
    }

    /// <summary>col2im: adds every column entry back onto the image element it was read from (padding entries are dropped).</summary>
    /// <remarks>This is the adjoint of <see cref="Unfold{T}"/>: an element read by several windows receives the sum of their entries.</remarks>
    public static void Fold<T>(in SlidingWindow g, ReadOnlySpan<T> cols, Span<T> image) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelH; i++)
                for (int j = 0; j < g.KernelW; j++, row++)
                {
                    int dx = j * g.DilationW - g.PadLeft;
                    var (x0, x1) = SlidingWindow.InsideRange(dx, g.StrideW, g.Width, ow);
                    if (x0 >= x1) continue;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = oy * g.StrideH - g.PadTop + i * g.DilationH;
                        if ((uint)iy >= (uint)g.Height) continue;
                        ReadOnlySpan<T> src = cols.Slice((row * oh + oy) * ow, ow);
                        Span<T> dst = image.Slice((c * g.Height + iy) * g.Width, g.Width);
                        if (g.StrideW == 1)
                        {
                            Span<T> d = dst.Slice(x0 + dx, x1 - x0);
                            TensorPrimitives.Add(d, src[x0..x1], d);
                        }
                        else for (int ox = x0; ox < x1; ox++) dst[ox * g.StrideW + dx] += src[ox];
                    }
                }
    }
}
