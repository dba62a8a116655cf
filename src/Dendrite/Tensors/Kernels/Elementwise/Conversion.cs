namespace Dendrite.Tensors.Kernels;

/// <summary>Element type conversions y = (TTo)x, as C# casts do them (float → int truncates toward zero).</summary>
internal static class Conversion
{
    /// <summary>y[i] = x[i] widened exactly.</summary>
    public static void Convert(ReadOnlySpan<float> x, Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = x[i]; }

    /// <summary>y[i] = x[i] rounded to the nearest float.</summary>
    public static void Convert(ReadOnlySpan<double> x, Span<float> y) { for (int i = 0; i < x.Length; i++) y[i] = (float)x[i]; }

    /// <summary>y[i] = x[i] rounded to the nearest float.</summary>
    public static void Convert(ReadOnlySpan<int> x, Span<float> y) { for (int i = 0; i < x.Length; i++) y[i] = x[i]; }

    /// <summary>y[i] = x[i] exactly.</summary>
    public static void Convert(ReadOnlySpan<int> x, Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = x[i]; }

    /// <summary>y[i] = x[i] truncated toward zero.</summary>
    public static void Convert(ReadOnlySpan<float> x, Span<int> y) { for (int i = 0; i < x.Length; i++) y[i] = (int)x[i]; }

    /// <summary>y[i] = x[i] truncated toward zero.</summary>
    public static void Convert(ReadOnlySpan<double> x, Span<int> y) { for (int i = 0; i < x.Length; i++) y[i] = (int)x[i]; }
}
