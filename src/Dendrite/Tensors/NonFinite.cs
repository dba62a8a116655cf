namespace Dendrite;

/// <summary>Finds NaN and ±∞ in a tensor: the checks that stop a non-finite input or a diverged parameter before it spreads.</summary>
public static class NonFinite
{
    /// <summary>The row-major position of the first NaN or ±∞ element of <paramref name="tensor"/> and its value; null when every element is finite (always for Int32).</summary>
    public static (int[] Index, double Value)? First(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var data = tensor.IsContiguous ? tensor : tensor.Clone();
        long flat = IndexOf(data);
        if (flat < 0) return null;
        var index = new int[tensor.Rank];
        long rest = flat;
        for (int d = tensor.Rank - 1; d >= 0; d--)
        {
            int size = tensor.Shape[d];
            index[d] = (int)(rest % size);
            rest /= size;
        }
        double value = data.DType == DType.Float32 ? data.Span<float>()[(int)flat] : data.Span<double>()[(int)flat];
        return (index, value);
    }

    /// <summary>
    /// For each example (index along axis 0) of <paramref name="tensor"/> [m, …], whether any of its elements is NaN or ±∞.
    /// </summary>
    public static bool[] Rows(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank == 0) throw new ArgumentException("NonFinite.Rows needs a tensor [m, …], not a scalar.", nameof(tensor));
        var rows = new bool[tensor.Shape[0]];
        if (!tensor.DType.IsFloatingPoint() || rows.Length == 0) return rows;
        var data = tensor.IsContiguous ? tensor : tensor.Clone();
        int width = tensor.Count / rows.Length;
        for (int r = 0; r < rows.Length; r++)
            rows[r] = data.DType == DType.Float32
                ? IndexOf(data.Span<float>().Slice(r * width, width)) >= 0
                : IndexOf(data.Span<double>().Slice(r * width, width)) >= 0;
        return rows;
    }

    /// <summary>"NaN", "+∞" or "−∞" as the messages write them.</summary>
    public static string Name(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";

    private static long IndexOf(Tensor contiguous) => contiguous.DType switch
    {
        DType.Float32 => IndexOf(contiguous.Span<float>()),
        DType.Float64 => IndexOf(contiguous.Span<double>()),
        _ => -1,
    };

    private static int IndexOf(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private static int IndexOf(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++) if (!double.IsFinite(values[i])) return i;
        return -1;
    }
}
