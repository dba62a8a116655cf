using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>y = min(max(x, 0), 6); ∂y/∂x = 1 where 0 &lt; x &lt; 6, else 0 (MobileNet's ReLU6).</summary>
internal readonly struct Relu6Op : IUnaryOp
{
    public static string Name => "Relu6";

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Clamp(x, T.Zero, T.CreateTruncating(6), y);

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T six = T.CreateTruncating(6);
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > T.Zero && x[i] < six ? dy[i] : T.Zero;
    }
}
