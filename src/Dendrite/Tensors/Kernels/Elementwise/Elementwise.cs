using System.Numerics;
using System.Numerics.Tensors;
using Dendrite.Tensors.Kernels.Operators;

namespace Dendrite.Tensors.Kernels;

/// <summary>Elementwise arithmetic over equal-length spans (TensorPrimitives where it has the op).</summary>
/// <remarks>Destination spans may alias a source span exactly (in-place), never partially.</remarks>
internal static class Elementwise
{
    /// <summary>z = x + y.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Add(x, y, z);

    /// <summary>z = x + s.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, T s, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Add(x, s, z);

    /// <summary>z = x − y.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Subtract(x, y, z);

    /// <summary>z = x · y.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, y, z);

    /// <summary>z = x · s.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, T s, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, s, z);

    /// <summary>z = x / y.</summary>
    public static void Divide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Divide(x, y, z);

    /// <summary>z = x · s + y (axpy when z aliases y).</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, T s, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.MultiplyAdd(x, s, y, z);

    /// <summary>z = x · y + w.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> w, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.MultiplyAdd(x, y, w, z);

    /// <summary>y = −x.</summary>
    public static void Negate<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Negate(x, y);

    /// <summary>y = eˣ.</summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Exp(x, y);

    /// <summary>y = ln x.</summary>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Log(x, y);

    /// <summary>y = x².</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, x, y);

    /// <summary>y = √x.</summary>
    public static void Sqrt<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Sqrt(x, y);

    /// <summary>y = |x|.</summary>
    public static void Abs<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Abs(x, y);

    /// <summary>y = sign x: 1 where x &gt; 0, −1 where x &lt; 0, x itself for ±0 and NaN.</summary>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => VectorDriver.Unary(x, y, new SignOperator<T>());

    /// <summary>y = xᵖ for a scalar exponent p.</summary>
    public static void Pow<T>(ReadOnlySpan<T> x, T p, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Pow(x, p, y);

    /// <summary>y = min(max(x, lo), hi); requires lo ≤ hi.</summary>
    public static void Clamp<T>(ReadOnlySpan<T> x, T lo, T hi, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Clamp(x, lo, hi, y);

    /// <summary>x[i] = value for every i.</summary>
    public static void Fill<T>(Span<T> x, T value) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Fill(value);
}
