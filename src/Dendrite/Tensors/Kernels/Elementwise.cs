using System.Numerics;
using System.Numerics.Tensors;

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
}
