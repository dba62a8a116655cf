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

/// <summary>
/// SiLU (swish): y = x·σ(x); ∂y/∂x = σ(x) + x·σ(x)(1 − σ(x)) = σ(x)(1 + x(1 − σ(x))).
/// </summary>
internal readonly struct SiluOp : IUnaryOp
{
    public static string Name => "Silu";

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Activations.Sigmoid(x, y);
        Elementwise.Multiply(x, y, y);
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T s = T.One / (T.One + T.Exp(-x[i]));
            dx[i] = dy[i] * s * (T.One + x[i] * (T.One - s));
        }
    }
}

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
