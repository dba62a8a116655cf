using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Max and average pooling over a stack of planes (the N·C channels of a batch, each pooled on its own); the
/// window's <see cref="SlidingWindow.Channels"/> counts the planes.
/// </summary>
/// <remarks>
/// Planes are cut into fixed runs that run in parallel (<see cref="KernelParallel"/>); a plane's outputs depend only on
/// that plane, so results do not depend on the thread count. Non-overlapping max pooling has its own path
/// (<see cref="MaxPoolTiled"/>) that keeps no arg-max.
/// </remarks>
internal static class Pooling
{
    /// <summary>Most runs of planes one call is cut into.</summary>
    private const int MaxRuns = 64;

    /// <summary>y = the maximum of each window; <paramref name="argMax"/> gets each maximum's index in its plane.</summary>
    public static void MaxForward<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y, Memory<int> argMax) where T : unmanaged, IFloatingPointIeee754<T> =>
        ForRuns(g.Channels, (double)g.OutPlane * g.KernelH * g.KernelW, new MaxForwardRuns<T>(g, x, y, argMax));

    /// <summary>dx = 0, then dx[arg-max of each window] += dy.</summary>
    public static void MaxBackward<T>(SlidingWindow g, ReadOnlyMemory<T> dy, ReadOnlyMemory<int> argMax, Memory<T> dx) where T : unmanaged, INumber<T> =>
        ForRuns(g.Channels, g.InPlane + (double)g.OutPlane, new MaxBackwardRuns<T>(g, dy, argMax, dx));

    /// <summary>y = the mean of each window (the divisor is described on the plane loop).</summary>
    public static void AverageForward<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y, bool countIncludePad) where T : unmanaged, INumber<T> =>
        ForRuns(g.Channels, (double)g.OutPlane * g.KernelH * g.KernelW, new AverageForwardRuns<T>(g, x, y, countIncludePad));

    /// <summary>dx = 0, then every element of a window gets dy/divisor.</summary>
    public static void AverageBackward<T>(SlidingWindow g, ReadOnlyMemory<T> dy, Memory<T> dx, bool countIncludePad) where T : unmanaged, INumber<T> =>
        ForRuns(g.Channels, g.InPlane + (double)g.OutPlane * g.KernelH * g.KernelW, new AverageBackwardRuns<T>(g, dy, dx, countIncludePad));

    /// <summary>Adaptive average pooling of every plane to oh×ow (the cells are described on the plane loop).</summary>
    public static void AdaptiveAverageForward<T>(int planes, int h, int w, int oh, int ow, ReadOnlyMemory<T> x, Memory<T> y) where T : unmanaged, INumber<T> =>
        ForRuns(planes, (double)h * w + oh * ow, new AdaptiveForwardRuns<T>(h, w, oh, ow, x, y));

    /// <summary>dx = 0, then every element of cell (i, j) gets dy[i, j] divided by the cell's size.</summary>
    public static void AdaptiveAverageBackward<T>(int planes, int h, int w, int oh, int ow, ReadOnlyMemory<T> dy, Memory<T> dx) where T : unmanaged, INumber<T> =>
        ForRuns(planes, 2.0 * h * w + oh * ow, new AdaptiveBackwardRuns<T>(h, w, oh, ow, dy, dx));

    /// <summary>Planes [p0, p0 + count) of a stack of planes of <paramref name="size"/> elements.</summary>
    internal static Span<T> Planes<T>(Span<T> stack, int p0, int count, int size) => stack.Slice(p0 * size, count * size);

    /// <summary>Planes [p0, p0 + count) of a stack of planes of <paramref name="size"/> elements.</summary>
    internal static ReadOnlySpan<T> Planes<T>(ReadOnlySpan<T> stack, int p0, int count, int size) => stack.Slice(p0 * size, count * size);

    /// <summary>Runs body(first, count) over fixed runs of planes (at most <see cref="MaxRuns"/>), in parallel when the work is large enough.</summary>
    internal static void ForRuns<TBody>(int planes, double workPerPlane, TBody body) where TBody : struct, ISpanBody =>
        KernelParallel.ForRanges(planes, Math.Max(1, Math.Min(planes, MaxRuns)), workPerPlane * planes, body);

    private readonly struct MaxForwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y, Memory<int> argMax) : ISpanBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int p0, int count) => MaxForwardPlanes(g.WithChannels(count), Planes(x.Span, p0, count, g.InPlane),
            Planes(y.Span, p0, count, g.OutPlane), Planes(argMax.Span, p0, count, g.OutPlane));
    }

    private readonly struct MaxBackwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> dy, ReadOnlyMemory<int> argMax, Memory<T> dx) : ISpanBody
        where T : unmanaged, INumber<T>
    {
        public void Run(int p0, int count) => MaxBackwardPlanes(g.WithChannels(count), Planes(dy.Span, p0, count, g.OutPlane),
            Planes(argMax.Span, p0, count, g.OutPlane), Planes(dx.Span, p0, count, g.InPlane));
    }

    private readonly struct AverageForwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y, bool countIncludePad) : ISpanBody
        where T : unmanaged, INumber<T>
    {
        public void Run(int p0, int count) => AverageForwardPlanes(g.WithChannels(count), Planes(x.Span, p0, count, g.InPlane),
            Planes(y.Span, p0, count, g.OutPlane), countIncludePad);
    }

    private readonly struct AverageBackwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> dy, Memory<T> dx, bool countIncludePad) : ISpanBody
        where T : unmanaged, INumber<T>
    {
        public void Run(int p0, int count) => AverageBackwardPlanes(g.WithChannels(count), Planes(dy.Span, p0, count, g.OutPlane),
            Planes(dx.Span, p0, count, g.InPlane), countIncludePad);
    }

    private readonly struct AdaptiveForwardRuns<T>(int h, int w, int oh, int ow, ReadOnlyMemory<T> x, Memory<T> y) : ISpanBody
        where T : unmanaged, INumber<T>
    {
        public void Run(int p0, int count) =>
            AdaptiveAverageForwardPlanes(count, h, w, oh, ow, Planes(x.Span, p0, count, h * w), Planes(y.Span, p0, count, oh * ow));
    }

    private readonly struct AdaptiveBackwardRuns<T>(int h, int w, int oh, int ow, ReadOnlyMemory<T> dy, Memory<T> dx) : ISpanBody
        where T : unmanaged, INumber<T>
    {
        public void Run(int p0, int count) =>
            AdaptiveAverageBackwardPlanes(count, h, w, oh, ow, Planes(dy.Span, p0, count, oh * ow), Planes(dx.Span, p0, count, h * w));
    }

    /// <summary>
    /// y = the maximum of each window (padding never wins); <paramref name="argMax"/> receives the index within its
    /// plane (iy·W + ix) of the first maximum, or of the first NaN, as in PyTorch.
    /// </summary>
    private static void MaxForwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> x, Span<T> y, Span<int> argMax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int p = 0; p < g.Channels; p++)
        {
            ReadOnlySpan<T> plane = x.Slice(p * g.InPlane, g.InPlane);
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    T best = T.NegativeInfinity;
                    int at = -1;
                    for (int i = 0; i < g.KernelH; i++)
                    {
                        int iy = oy * g.StrideH - g.PadTop + i * g.DilationH;
                        if ((uint)iy >= (uint)g.Height) continue;
                        for (int j = 0; j < g.KernelW; j++)
                        {
                            int ix = ox * g.StrideW - g.PadLeft + j * g.DilationW;
                            if ((uint)ix >= (uint)g.Width) continue;
                            T v = plane[iy * g.Width + ix];
                            if (at < 0 || v > best || (T.IsNaN(v) && !T.IsNaN(best))) { best = v; at = iy * g.Width + ix; }
                        }
                    }
                    int o = (p * oh + oy) * ow + ox;
                    y[o] = best;
                    argMax[o] = at;
                }
        }
    }

    /// <summary>dx = 0, then dx[arg-max of each window] += dy: only the element that was the maximum affected y.</summary>
    private static void MaxBackwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> dy, ReadOnlySpan<int> argMax, Span<T> dx) where T : unmanaged, INumber<T>
    {
        dx.Clear();
        int outPlane = g.OutPlane;
        for (int p = 0; p < g.Channels; p++)
        {
            Span<T> plane = dx.Slice(p * g.InPlane, g.InPlane);
            for (int o = p * outPlane; o < (p + 1) * outPlane; o++)
                if (argMax[o] >= 0) plane[argMax[o]] += dy[o];
        }
    }

    /// <summary>
    /// y = the mean of each window. With <paramref name="countIncludePad"/> (PyTorch's default) the divisor is kh·kw,
    /// padding counting as zeros; otherwise it is the number of elements inside the image.
    /// </summary>
    private static void AverageForwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> x, Span<T> y, bool countIncludePad) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int p = 0; p < g.Channels; p++)
        {
            ReadOnlySpan<T> plane = x.Slice(p * g.InPlane, g.InPlane);
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    var (y0, y1, x0, x1, divisor) = Window(g, oy, ox, countIncludePad);
                    T sum = T.Zero;
                    for (int iy = y0; iy < y1; iy++)
                        for (int ix = x0; ix < x1; ix++) sum += plane[iy * g.Width + ix];
                    y[(p * oh + oy) * ow + ox] = sum / T.CreateChecked(divisor);
                }
        }
    }

    /// <summary>dx = 0, then every element of a window gets dy/divisor: ∂(Σ xᵢ/d)/∂xᵢ = 1/d.</summary>
    private static void AverageBackwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> dy, Span<T> dx, bool countIncludePad) where T : unmanaged, INumber<T>
    {
        dx.Clear();
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int p = 0; p < g.Channels; p++)
        {
            Span<T> plane = dx.Slice(p * g.InPlane, g.InPlane);
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    var (y0, y1, x0, x1, divisor) = Window(g, oy, ox, countIncludePad);
                    T share = dy[(p * oh + oy) * ow + ox] / T.CreateChecked(divisor);
                    for (int iy = y0; iy < y1; iy++)
                        for (int ix = x0; ix < x1; ix++) plane[iy * g.Width + ix] += share;
                }
        }
    }

    /// <summary>
    /// Adaptive average pooling to an oh×ow grid: cell (i, j) averages rows [⌊i·H/oh⌋, ⌈(i+1)·H/oh⌉) and columns
    /// [⌊j·W/ow⌋, ⌈(j+1)·W/ow⌉), as in PyTorch; oh = ow = 1 is global average pooling.
    /// </summary>
    private static void AdaptiveAverageForwardPlanes<T>(int planes, int h, int w, int oh, int ow, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    var (y0, y1) = Cell(i, h, oh);
                    var (x0, x1) = Cell(j, w, ow);
                    T sum = T.Zero;
                    for (int iy = y0; iy < y1; iy++)
                        for (int ix = x0; ix < x1; ix++) sum += x[(p * h + iy) * w + ix];
                    y[(p * oh + i) * ow + j] = sum / T.CreateChecked((y1 - y0) * (x1 - x0));
                }
    }

    /// <summary>dx = 0, then every element of cell (i, j) gets dy[i, j] divided by the cell's size.</summary>
    private static void AdaptiveAverageBackwardPlanes<T>(int planes, int h, int w, int oh, int ow, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, INumber<T>
    {
        dx.Clear();
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    var (y0, y1) = Cell(i, h, oh);
                    var (x0, x1) = Cell(j, w, ow);
                    T share = dy[(p * oh + i) * ow + j] / T.CreateChecked((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++)
                        for (int ix = x0; ix < x1; ix++) dx[(p * h + iy) * w + ix] += share;
                }
    }

    /// <summary>The part of window (oy, ox) inside the image, and its divisor.</summary>
    private static (int Y0, int Y1, int X0, int X1, int Divisor) Window(in SlidingWindow g, int oy, int ox, bool countIncludePad)
    {
        int top = oy * g.StrideH - g.PadTop, left = ox * g.StrideW - g.PadLeft;
        int y0 = Math.Max(top, 0), y1 = Math.Min(top + g.KernelH, g.Height);
        int x0 = Math.Max(left, 0), x1 = Math.Min(left + g.KernelW, g.Width);
        int divisor = countIncludePad ? g.KernelH * g.KernelW : Math.Max(1, (y1 - y0) * (x1 - x0));
        return (y0, y1, x0, x1, divisor);
    }

    /// <summary>[⌊i·n/cells⌋, ⌈(i+1)·n/cells⌉).</summary>
    private static (int Start, int End) Cell(int i, int n, int cells) =>
        ((int)((long)i * n / cells), (int)(((long)(i + 1) * n + cells - 1) / cells));
}
