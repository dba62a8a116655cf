using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Clamping to [lo, hi] and its gradient.</summary>
internal static class Clamping
{
    /// <summary>y = min(max(x, lo), hi); NaN stays NaN.</summary>
    public static void Clamp<T>(ReadOnlySpan<T> x, T lo, T hi, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = v < lo ? lo : v > hi ? hi : v;
        }
    }

    /// <summary>dx = dy where lo ≤ x ≤ hi, else 0 (PyTorch's convention at the bounds).</summary>
    public static void ClampBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T lo, T hi, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] >= lo && x[i] <= hi ? dy[i] : T.Zero;
    }
}
