namespace Dendrite.Tests.Conv;

/// <summary>Direct (six nested loops) double-precision convolution, independent of im2col and the GEMM.</summary>
public static class ConvReference
{
    /// <summary>y[n, o, oy, ox] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j]·x[n, g·Cg + c, oy·sh − pt + i·dh, ox·sw − pl + j·dw], zero outside x.</summary>
    public static double[] Conv2d(double[] x, int[] xShape, double[] w, int[] wShape, double[]? b,
        (int H, int W) stride, (int Top, int Left, int Bottom, int Right) pad, (int H, int W) dilation, int groups, out int[] yShape)
    {
        int n = xShape[0], c = xShape[1], h = xShape[2], wd = xShape[3];
        int o = wShape[0], cg = wShape[1], kh = wShape[2], kw = wShape[3], og = o / groups;
        int oh = (h + pad.Top + pad.Bottom - dilation.H * (kh - 1) - 1) / stride.H + 1;
        int ow = (wd + pad.Left + pad.Right - dilation.W * (kw - 1) - 1) / stride.W + 1;
        yShape = [n, o, oh, ow];
        var y = new double[n * o * oh * ow];
        for (int img = 0; img < n; img++)
            for (int oc = 0; oc < o; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double s = b?[oc] ?? 0;
                        for (int ic = 0; ic < cg; ic++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++)
                                {
                                    int iy = oy * stride.H - pad.Top + i * dilation.H, ix = ox * stride.W - pad.Left + j * dilation.W;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    int channel = oc / og * cg + ic;
                                    s += w[((oc * cg + ic) * kh + i) * kw + j] * x[((img * c + channel) * h + iy) * wd + ix];
                                }
                        y[((img * o + oc) * oh + oy) * ow + ox] = s;
                    }
        _ = c;
        return y;
    }

    /// <summary>
    /// ∂L/∂x and ∂L/∂w of <see cref="Conv2d"/> for upstream dy, by the same six loops: every product
    /// w[o, c, i, j]·x[n, c, iy, ix] that fed y[n, o, oy, ox] sends dy·w to dx and dy·x to dw.
    /// </summary>
    public static (double[] Dx, double[] Dw) Conv2dBackward(double[] x, int[] xShape, double[] w, int[] wShape, double[] dy,
        (int H, int W) stride, (int Top, int Left, int Bottom, int Right) pad, (int H, int W) dilation, int groups)
    {
        int n = xShape[0], c = xShape[1], h = xShape[2], wd = xShape[3];
        int o = wShape[0], cg = wShape[1], kh = wShape[2], kw = wShape[3], og = o / groups;
        int oh = (h + pad.Top + pad.Bottom - dilation.H * (kh - 1) - 1) / stride.H + 1;
        int ow = (wd + pad.Left + pad.Right - dilation.W * (kw - 1) - 1) / stride.W + 1;
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        for (int img = 0; img < n; img++)
            for (int oc = 0; oc < o; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double g = dy[((img * o + oc) * oh + oy) * ow + ox];
                        for (int ic = 0; ic < cg; ic++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++)
                                {
                                    int iy = oy * stride.H - pad.Top + i * dilation.H, ix = ox * stride.W - pad.Left + j * dilation.W;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    int xi = ((img * c + oc / og * cg + ic) * h + iy) * wd + ix, wi = ((oc * cg + ic) * kh + i) * kw + j;
                                    dx[xi] += g * w[wi];
                                    dw[wi] += g * x[xi];
                                }
                    }
        return (dx, dw);
    }
}
