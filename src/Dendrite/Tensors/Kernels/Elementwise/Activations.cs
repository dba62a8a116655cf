using System.Numerics;
using System.Numerics.Tensors;
using Dendrite.Tensors.Kernels.Operators;

namespace Dendrite.Tensors.Kernels;

/// <summary>Activation functions and their derivatives over spans.</summary>
/// <remarks>
/// Backward kernels take the forward input x or output y (whichever the derivative is cheapest in)
/// and the upstream gradient dy, and write dx. dx may alias dy. Sigmoid and tanh come from
/// TensorPrimitives; the rest run an operator from <c>Operators/</c> through <see cref="VectorDriver"/>.
/// </remarks>
internal static class Activations
{
    /// <summary>y = σ(x) = 1 / (1 + e⁻ˣ).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // TensorPrimitives.Sigmoid rejects empty spans; an empty tensor is not an error here.
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary>dx = dy · y · (1 − y), since σ'(x) = σ(x)(1 − σ(x)).</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Binary(y, dy, dx, new SigmoidBackwardOperator<T>());

    /// <summary>y = tanh x.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Tanh(x, y);

    /// <summary>dx = dy · (1 − y²), since tanh'(x) = 1 − tanh²(x).</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Binary(y, dy, dx, new TanhBackwardOperator<T>());

    /// <summary>y = max(x, 0); negative inputs, −0 and NaN give +0.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Unary(x, y, new ReluOperator<T>());

    /// <summary>dx = dy where x &gt; 0, else 0.</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Binary(x, dy, dx, new ReluBackwardOperator<T>());

    /// <summary>y = x where x &gt; 0, else slope · x.</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Unary(x, y, new LeakyReluOperator<T>(slope));

    /// <summary>dx = dy where x &gt; 0, else slope · dy.</summary>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T slope, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Binary(x, dy, dx, new LeakyReluBackwardOperator<T>(slope));
}
