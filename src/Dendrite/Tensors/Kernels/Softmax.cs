using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Numerically stable softmax and log-softmax over the rows of a [rows, n] block.</summary>
internal static class Softmax
{
    /// <summary>yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x), row by row.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, int rows, int n, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * n, n);
            Span<T> yr = y.Slice(r * n, n);
            T max = Reductions.Max(xr);
            T sum = T.Zero;
            for (int i = 0; i < n; i++) { yr[i] = T.Exp(xr[i] - max); sum += yr[i]; }
            for (int i = 0; i < n; i++) yr[i] /= sum;
        }
    }

    /// <summary>yᵢ = xᵢ − max x − ln Σⱼ e^(xⱼ − max x), row by row.</summary>
    public static void LogForward<T>(ReadOnlySpan<T> x, int rows, int n, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * n, n);
            Span<T> yr = y.Slice(r * n, n);
            T max = Reductions.Max(xr);
            T sum = T.Zero;
            for (int i = 0; i < n; i++) sum += T.Exp(xr[i] - max);
            T shift = max + T.Log(sum);
            for (int i = 0; i < n; i++) yr[i] = xr[i] - shift;
        }
    }

    /// <summary>dx = y ⊙ (dy − Σ dy ⊙ y), row by row (the softmax Jacobian-vector product).</summary>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, int rows, int n, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yr = y.Slice(r * n, n), gr = dy.Slice(r * n, n);
            Span<T> dr = dx.Slice(r * n, n);
            T dot = T.Zero;
            for (int i = 0; i < n; i++) dot += gr[i] * yr[i];
            for (int i = 0; i < n; i++) dr[i] = yr[i] * (gr[i] - dot);
        }
    }

    /// <summary>dx = dy − softmax(x) · Σ dy, row by row, given y = log-softmax(x).</summary>
    public static void LogBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, int rows, int n, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yr = y.Slice(r * n, n), gr = dy.Slice(r * n, n);
            Span<T> dr = dx.Slice(r * n, n);
            T sum = T.Zero;
            for (int i = 0; i < n; i++) sum += gr[i];
            for (int i = 0; i < n; i++) dr[i] = gr[i] - T.Exp(yr[i]) * sum;
        }
    }
}
