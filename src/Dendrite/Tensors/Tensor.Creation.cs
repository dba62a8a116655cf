namespace Dendrite;

public sealed partial class Tensor
{
    /// <summary>An uninitialized contiguous tensor (storage from the active <see cref="TensorArena"/>, if any).</summary>
    internal static Tensor Empty(Shape shape, DType dtype = DType.Float32)
    {
        int n = shape.Count;
        Array storage = TensorArena.Rent(dtype, n) ?? dtype switch
        {
            DType.Float32 => GC.AllocateUninitializedArray<float>(n),
            DType.Float64 => GC.AllocateUninitializedArray<double>(n),
            _ => new int[n],
        };
        return new Tensor(storage, shape, dtype);
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32)
    {
        int n = shape.Count;
        if (TensorArena.Rent(dtype, n) is { } recycled)
        {
            Array.Clear(recycled);
            return new Tensor(recycled, shape, dtype);
        }
        Array storage = dtype switch
        {
            DType.Float32 => new float[n],
            DType.Float64 => new double[n],
            _ => new int[n],
        };
        return new Tensor(storage, shape, dtype);
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => Full(shape, 1, dtype);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32)
    {
        var t = Empty(shape, dtype);
        switch (dtype)
        {
            case DType.Float32: t.Span<float>().Fill((float)value); break;
            case DType.Float64: t.Span<double>().Fill(value); break;
            default: t.Span<int>().Fill(checked((int)value)); break;
        }
        return t;
    }

    /// <summary>A zero tensor with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Shape, like.DType);

    /// <summary>A one-element tensor of rank 0.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full([], value, dtype);

    /// <summary>The values start, start + step, … below stop, as a 1-D tensor (like numpy.arange).</summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType dtype = DType.Float32)
    {
        if (step == 0) throw new ArgumentException("Arange step must be non-zero.", nameof(step));
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var t = Empty([n], dtype);
        for (int i = 0; i < n; i++) t.SetDouble(i, start + i * step);
        return t;
    }

    /// <summary>Samples from U[low, high) with a seeded generator.</summary>
    public static Tensor Uniform(Shape shape, double low, double high, Random random, DType dtype = DType.Float32)
    {
        var t = Empty(shape, dtype);
        for (int i = 0; i < t.Count; i++) t.SetDouble(i, low + (high - low) * random.NextDouble());
        return t;
    }

    /// <summary>Samples from N(mean, std²) with a seeded generator.</summary>
    public static Tensor Normal(Shape shape, double mean, double std, Random random, DType dtype = DType.Float32)
    {
        var t = Empty(shape, dtype);
        for (int i = 0; i < t.Count; i++) t.SetDouble(i, mean + std * random.NextGaussian());
        return t;
    }

    /// <summary>Wraps a copy of <paramref name="data"/> as a float32 tensor of the given shape.</summary>
    public static Tensor FromArray(float[] data, Shape shape) => FromArrayCore(data, shape, DType.Float32);

    /// <summary>Wraps a copy of <paramref name="data"/> as a float64 tensor of the given shape.</summary>
    public static Tensor FromArray(double[] data, Shape shape) => FromArrayCore(data, shape, DType.Float64);

    /// <summary>Wraps a copy of <paramref name="data"/> as an int32 tensor of the given shape.</summary>
    public static Tensor FromArray(int[] data, Shape shape) => FromArrayCore(data, shape, DType.Int32);

    /// <summary>A 1-D float32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(params float[] data) => FromArray(data, [data.Length]);

    /// <summary>A 1-D float64 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(params double[] data) => FromArray(data, [data.Length]);

    /// <summary>A 1-D int32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(params int[] data) => FromArray(data, [data.Length]);

    /// <summary>A float32 matrix from a rectangular array.</summary>
    public static Tensor FromArray(float[,] data) => FromArray(Flatten(data), [data.GetLength(0), data.GetLength(1)]);

    /// <summary>A float64 matrix from a rectangular array.</summary>
    public static Tensor FromArray(double[,] data) => FromArray(Flatten(data), [data.GetLength(0), data.GetLength(1)]);

    private static T[] Flatten<T>(T[,] data)
    {
        var flat = new T[data.Length];
        int k = 0;
        foreach (T v in data) flat[k++] = v;
        return flat;
    }

    private static Tensor FromArrayCore<T>(T[] data, Shape shape, DType dtype)
    {
        if (data.Length != shape.Count)
            throw new ArgumentException($"{data.Length} values cannot fill shape {shape} ({shape.Count} elements).");
        return new Tensor((T[])data.Clone(), shape, dtype);
    }

    /// <summary>The elements in row-major order as a new array of <typeparamref name="T"/> (float, double or int; converting if needed).</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var c = IsContiguous ? this : Clone();
        if (DTypeExtensions.Of<T>() == DType) return c.Span<T>().ToArray();
        var result = new T[Count];
        c.ConvertInto(new Tensor(result, Shape, DTypeExtensions.Of<T>()));
        return result;
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public double Item()
    {
        if (Count != 1) throw new InvalidOperationException($"Item() needs a one-element tensor but the shape is {Shape}.");
        return GetDouble(Offset, absolute: true);
    }

    /// <summary>The element at the given index, converted to double.</summary>
    public double Get(params int[] index)
    {
        {
            if (index.Length != Rank) throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {Shape}.");
            int pos = Offset;
            for (int a = 0; a < Rank; a++)
            {
                if ((uint)index[a] >= (uint)Shape.Dims[a])
                    throw new IndexOutOfRangeException($"Index {index[a]} is out of range for axis {a} of shape {Shape}.");
                pos += index[a] * Strides[a];
            }
            return GetDouble(pos, absolute: true);
        }
    }

    private double GetDouble(int i, bool absolute) => Storage switch
    {
        float[] f => f[absolute ? i : Offset + i],
        double[] d => d[absolute ? i : Offset + i],
        int[] n => n[absolute ? i : Offset + i],
        _ => throw new InvalidOperationException(),
    };

    private void SetDouble(int i, double v)
    {
        switch (Storage)
        {
            case float[] f: f[Offset + i] = (float)v; break;
            case double[] d: d[Offset + i] = v; break;
            case int[] n: n[Offset + i] = checked((int)v); break;
        }
    }
}
