using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite;

/// <summary>
/// An n-dimensional array of float32 (default), float64 or int32 values that records the operations
/// applied to it, so gradients can flow back through them (<see cref="Backward"/>). This part holds storage, layout
/// and copies; the autograd members, operators and views are in <c>Autograd/Tensor.*.cs</c>.
/// </summary>
/// <remarks>
/// Storage is a managed array shared by views (reshape, transpose, slice); the garbage collector owns
/// it, so tensors need no disposal. Element (i₀, …, iₙ) lives at Offset + Σ iₐ·Strides[a].
/// </remarks>
public sealed partial class Tensor
{
    internal Array Storage;
    internal int Offset;
    internal int[] Strides;

    /// <summary>The tensor whose storage this view shares (null when this tensor owns it), so a write through any view
    /// counts against the owner's <see cref="Version"/>.</summary>
    private Tensor? _base;
    private int _version;

    /// <summary>The dimension sizes.</summary>
    public Shape Shape { get; private set; }

    /// <summary>The element type.</summary>
    public DType DType { get; private set; }

    internal Tensor(Array storage, Shape shape, DType dtype, int offset = 0, int[]? strides = null)
    {
        Storage = storage;
        Shape = shape;
        DType = dtype;
        Offset = offset;
        Strides = strides ?? shape.ContiguousStrides();
    }

    /// <summary>A view of <paramref name="source"/>'s storage with its own shape, offset and strides.</summary>
    internal Tensor(Tensor source, Shape shape, int offset, int[]? strides = null)
        : this(source.Storage, shape, source.DType, offset, strides) => _base = source._base ?? source;

    /// <summary>Counts the writes to this tensor's storage, as PyTorch's <c>tensor._version</c>: every writable access
    /// (<see cref="Span{T}"/>, <see cref="MarkWritten"/>) through this tensor or any view of it bumps it, so a cache
    /// derived from the elements (packed weights) is valid while the version it recorded is.</summary>
    internal int Version => (_base ?? this)._version;

    /// <summary>Records a write to the storage (an access that may write, for the callers that take the array itself).</summary>
    internal void MarkWritten() => (_base ?? this)._version++;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Total number of elements.</summary>
    public int Count => Shape.Count;

    /// <summary>True when the elements are laid out densely in row-major order from <c>Offset</c>.</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int i = Rank - 1; i >= 0; i--)
            {
                if (Shape.Dims[i] != 1 && Strides[i] != expected) return false;
                expected *= Shape.Dims[i];
            }
            return true;
        }
    }

    /// <summary>The elements of a contiguous tensor as a span (no copy); counts as a write (<see cref="Version"/>).</summary>
    internal Span<T> Span<T>()
    {
        Span<T> span = Elements<T>();
        MarkWritten();
        return span;
    }

    /// <summary>The elements of a contiguous tensor, read only: unlike <see cref="Span{T}"/> this leaves <see cref="Version"/> alone.</summary>
    internal ReadOnlySpan<T> ReadSpan<T>() => Elements<T>();

    private Span<T> Elements<T>()
    {
        if (!IsContiguous) throw new InvalidOperationException("Span requires a contiguous tensor; call Contiguous() first.");
        if (Storage is not T[] array)
            throw new InvalidOperationException($"Tensor holds {DType}, not {typeof(T).Name}.");
        return array.AsSpan(Offset, Count);
    }

    /// <summary>A contiguous copy with its own storage, cut from the graph.</summary>
    public Tensor Clone()
    {
        var copy = Empty(Shape, DType);
        CopyInto(copy);
        return copy;
    }

    /// <summary>Writes this contiguous tensor's elements, cast to <paramref name="destination"/>'s dtype, into that contiguous tensor of the same count.</summary>
    internal void ConvertInto(Tensor destination)
    {
        switch (DType, destination.DType)
        {
            case (DType.Float32, DType.Float64): Conversion.Convert(Span<float>(), destination.Span<double>()); break;
            case (DType.Float64, DType.Float32): Conversion.Convert(Span<double>(), destination.Span<float>()); break;
            case (DType.Int32, DType.Float32): Conversion.Convert(Span<int>(), destination.Span<float>()); break;
            case (DType.Int32, DType.Float64): Conversion.Convert(Span<int>(), destination.Span<double>()); break;
            case (DType.Float32, DType.Int32): Conversion.Convert(Span<float>(), destination.Span<int>()); break;
            case (DType.Float64, DType.Int32): Conversion.Convert(Span<double>(), destination.Span<int>()); break;
            default: CopyInto(destination); break;
        }
    }

    internal void CopyInto(Tensor destination)
    {
        switch (DType)
        {
            case DType.Float32: GatherInto<float>(destination); break;
            case DType.Float64: GatherInto<double>(destination); break;
            default: GatherInto<int>(destination); break;
        }
    }

    private void GatherInto<T>(Tensor destination) =>
        Strided.Gather((T[])Storage, Offset, Shape.Dims, Strides, destination.Span<T>());

    internal void RequireFloatingPoint(string op)
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"{op} needs a Float32 or Float64 tensor but got {DType} {Shape}.");
    }

    internal static void RequireSameDType(Tensor a, Tensor b, string op)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{op}: dtypes differ ({a.DType} {a.Shape} vs {b.DType} {b.Shape}); convert one with To().");
    }

    internal bool IsFloat64 => DType == DType.Float64;
}

