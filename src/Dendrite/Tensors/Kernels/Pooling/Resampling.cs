using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Separable two-tap resampling of image planes, PyTorch's <c>F.interpolate</c> for modes "nearest" and "bilinear":
/// each output row oy reads input rows lo[oy] and hi[oy] with weights (1 − λ[oy], λ[oy]), and likewise each column, so
/// y[oy, ox] = Σ over the four taps of wy·wx·x[iy, ix]. Nearest is the case lo = hi, λ = 0.
/// </summary>
internal static class Resampling
{
    /// <summary>The input indices and weight of the upper tap for every output index along one axis.</summary>
    internal sealed record Taps(int[] Low, int[] High, double[] Lambda);

    /// <summary>
    /// Nearest taps: i = min(⌊o·scale⌋, in − 1) with scale = 1/scaleFactor when a factor is given, else in/out, computed
    /// in single precision as PyTorch does.
    /// </summary>
    public static Taps Nearest(int inSize, int outSize, double? scaleFactor)
    {
        float scale = scaleFactor is double f ? (float)(1.0 / f) : (float)inSize / outSize;
        var low = new int[outSize];
        for (int o = 0; o < outSize; o++) low[o] = Math.Min((int)MathF.Floor(o * scale), inSize - 1);
        return new Taps(low, low, new double[outSize]);
    }

    /// <summary>
    /// Bilinear taps: source s = o·(in − 1)/(out − 1) with aligned corners, else s = max((o + ½)·scale − ½, 0) with
    /// scale = 1/scaleFactor or in/out; lo = ⌊s⌋, hi = min(lo + 1, in − 1), λ = s − lo.
    /// </summary>
    public static Taps Linear(int inSize, int outSize, bool alignCorners, double? scaleFactor)
    {
        var low = new int[outSize];
        var high = new int[outSize];
        var lambda = new double[outSize];
        double scale = alignCorners
            ? outSize > 1 ? (double)(inSize - 1) / (outSize - 1) : 0
            : scaleFactor is double f ? 1.0 / f : (double)inSize / outSize;
        for (int o = 0; o < outSize; o++)
        {
            double s = alignCorners ? o * scale : Math.Max((o + 0.5) * scale - 0.5, 0);
            int lo = Math.Min((int)s, inSize - 1);
            low[o] = lo;
            high[o] = Math.Min(lo + 1, inSize - 1);
            lambda[o] = lo == inSize - 1 ? 0 : s - lo;
        }
        return new Taps(low, high, lambda);
    }

    /// <summary>y [planes, outH, outW] from x [planes, inH, inW] through the row and column taps; planes in parallel.</summary>
    public static void Forward<T>(int planes, int inH, int inW, Taps rows, Taps cols, ReadOnlyMemory<T> x, Memory<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(planes, 4.0 * planes * rows.Low.Length * cols.Low.Length, new ForwardPlanes<T>(inH, inW, rows, cols, x, y));

    /// <summary>∂L/∂x: every ∂L/∂y[oy, ox] added back to its four taps with their weights; planes in parallel.</summary>
    public static void Backward<T>(int planes, int inH, int inW, Taps rows, Taps cols, ReadOnlyMemory<T> dy, Memory<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(planes, 4.0 * planes * rows.Low.Length * cols.Low.Length, new BackwardPlanes<T>(inH, inW, rows, cols, dy, dx));

    private readonly struct ForwardPlanes<T>(int inH, int inW, Taps rows, Taps cols, ReadOnlyMemory<T> x, Memory<T> y) : IItemBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int plane)
        {
            int outH = rows.Low.Length, outW = cols.Low.Length;
            ReadOnlySpan<T> src = x.Span.Slice(plane * inH * inW, inH * inW);
            Span<T> dst = y.Span.Slice(plane * outH * outW, outH * outW);
            for (int oy = 0; oy < outH; oy++)
            {
                ReadOnlySpan<T> r0 = src.Slice(rows.Low[oy] * inW, inW), r1 = src.Slice(rows.High[oy] * inW, inW);
                T ly = T.CreateTruncating(rows.Lambda[oy]), my = T.One - ly;
                for (int ox = 0; ox < outW; ox++)
                {
                    int c0 = cols.Low[ox], c1 = cols.High[ox];
                    T lx = T.CreateTruncating(cols.Lambda[ox]), mx = T.One - lx;
                    dst[oy * outW + ox] = my * (mx * r0[c0] + lx * r0[c1]) + ly * (mx * r1[c0] + lx * r1[c1]);
                }
            }
        }
    }

    private readonly struct BackwardPlanes<T>(int inH, int inW, Taps rows, Taps cols, ReadOnlyMemory<T> dy, Memory<T> dx) : IItemBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int plane)
        {
            int outH = rows.Low.Length, outW = cols.Low.Length;
            ReadOnlySpan<T> g = dy.Span.Slice(plane * outH * outW, outH * outW);
            Span<T> d = dx.Span.Slice(plane * inH * inW, inH * inW);
            d.Clear();
            for (int oy = 0; oy < outH; oy++)
            {
                int r0 = rows.Low[oy] * inW, r1 = rows.High[oy] * inW;
                T ly = T.CreateTruncating(rows.Lambda[oy]), my = T.One - ly;
                for (int ox = 0; ox < outW; ox++)
                {
                    int c0 = cols.Low[ox], c1 = cols.High[ox];
                    T lx = T.CreateTruncating(cols.Lambda[ox]), mx = T.One - lx, v = g[oy * outW + ox];
                    // ∂y/∂x[iy, ix] = wy·wx for each of the four taps (they may coincide at the edges: the weights add)
                    d[r0 + c0] += my * mx * v;
                    d[r0 + c1] += my * lx * v;
                    d[r1 + c0] += ly * mx * v;
                    d[r1 + c1] += ly * lx * v;
                }
            }
        }
    }
}
