namespace Dendrite;

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>True for Float32 and Float64.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this DType dtype) => dtype == DType.Float64 ? 8 : 4;

    internal static DType Of<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(int) ? DType.Int32 :
        throw new NotSupportedException($"Element type {typeof(T).Name} is not supported; use float, double or int.");
}
