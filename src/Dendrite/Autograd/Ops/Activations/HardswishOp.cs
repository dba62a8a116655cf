using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// Hardswish: y = x·ReLU6(x + 3)/6, a piecewise-polynomial SiLU (Howard et al., "Searching for MobileNetV3", 2019);
/// ∂y/∂x = 0 for x &lt; −3, (2x + 3)/6 for −3 ≤ x ≤ 3, 1 for x &gt; 3 (PyTorch's choice at the kinks).
/// </summary>
internal readonly struct HardswishOp : IUnaryOp
{
    public static string Name => "Hardswish";

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T three = T.CreateTruncating(3), six = T.CreateTruncating(6);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * T.Clamp(x[i] + three, T.Zero, six) / six;
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T three = T.CreateTruncating(3), six = T.CreateTruncating(6), two = T.CreateTruncating(2);
        for (int i = 0; i < x.Length; i++)
            dx[i] = x[i] < -three ? T.Zero : x[i] > three ? dy[i] : dy[i] * (two * x[i] + three) / six;
    }
}
