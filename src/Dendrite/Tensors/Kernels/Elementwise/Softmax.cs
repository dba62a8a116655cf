using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>Numerically stable softmax and log-softmax over the rows of a [rows, n] block.</summary>
/// <remarks>
/// Every pass over a row is one TensorPrimitives call. Subtracting the row maximum first keeps every
/// exponent ≤ 0, so nothing overflows and the largest term is exactly 1. Passes that need a
/// temporary (eˣ⁻ᵐᵃˣ in log-softmax, eʸ in its backward) use a stack buffer of
/// <see cref="ChunkLength"/> elements, which leaves the input readable and lets y alias x and dx
/// alias dy.
/// </remarks>
internal static class Softmax
{
    /// <summary>Elements per chunk of the stack scratch buffer.</summary>
    private const int ChunkLength = 256;

    /// <summary>yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x), row by row.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, int rows, int n, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * n, n);
            Span<T> yr = y.Slice(r * n, n);
            T max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Divide(yr, OrderedSum.Sum(yr), yr);
        }
    }

    /// <summary>yᵢ = xᵢ − max x − ln Σⱼ e^(xⱼ − max x), row by row.</summary>
    public static void LogForward<T>(ReadOnlySpan<T> x, int rows, int n, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        Span<T> scratch = stackalloc T[Math.Min(n, ChunkLength)];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * n, n);
            T max = TensorPrimitives.Max(xr);
            T sum = T.Zero;
            for (int start = 0; start < n; start += ChunkLength)
            {
                ReadOnlySpan<T> chunk = xr.Slice(start, Math.Min(ChunkLength, n - start));
                Span<T> e = scratch[..chunk.Length];
                TensorPrimitives.Subtract(chunk, max, e);
                TensorPrimitives.Exp(e, e);
                sum += OrderedSum.Sum(e);
            }
            TensorPrimitives.Subtract(xr, max + T.Log(sum), y.Slice(r * n, n));
        }
    }

    /// <summary>dx = y ⊙ (dy − Σ dy ⊙ y), row by row (the softmax Jacobian-vector product).</summary>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, int rows, int n, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yr = y.Slice(r * n, n), gr = dy.Slice(r * n, n);
            T dot = OrderedSum.Dot(gr, yr);
            TensorPrimitives.AddMultiply(gr, -dot, yr, dx.Slice(r * n, n));
        }
    }

    /// <summary>dx = dy − softmax(x) · Σ dy, row by row, given y = log-softmax(x) (so softmax(x) = eʸ).</summary>
    public static void LogBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, int rows, int n, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        Span<T> scratch = stackalloc T[Math.Min(n, ChunkLength)];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yr = y.Slice(r * n, n), gr = dy.Slice(r * n, n);
            Span<T> dr = dx.Slice(r * n, n);
            T negSum = -OrderedSum.Sum(gr);
            for (int start = 0; start < n; start += ChunkLength)
            {
                int length = Math.Min(ChunkLength, n - start);
                Span<T> e = scratch[..length];
                TensorPrimitives.Exp(yr.Slice(start, length), e);
                TensorPrimitives.MultiplyAdd(e, negSum, gr.Slice(start, length), dr.Slice(start, length));
            }
        }
    }
}
