using System.Numerics;
using Dendrite.Autograd;

namespace Dendrite;

/// <summary>
/// An n-dimensional array of float32 (default), float64 or int32 values that records the operations
/// applied to it, so gradients can flow back through them (<see cref="Backward"/>).
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

    /// <summary>The dimension sizes.</summary>
    public Shape Shape { get; private set; }

    /// <summary>The element type.</summary>
    public DType DType { get; private set; }

    /// <summary>Whether gradients are accumulated into <see cref="Grad"/> by <see cref="Backward"/>.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>∂loss/∂this after <see cref="Backward"/> (leaf tensors only), same shape as this tensor.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>A released gradient's buffer, reused by the next backward pass (see <see cref="ZeroGrad"/>).</summary>
    private Tensor? _spareGrad;

    /// <summary>Clears the gradient before the next backward pass: <see cref="Grad"/> becomes null, and its buffer is kept
    /// for the next accumulation (so a training loop allocates no gradient memory).</summary>
    public void ZeroGrad()
    {
        if (Grad is not null && Grad.IsContiguous && Grad.Offset == 0) _spareGrad = Grad;
        Grad = null;
    }

    /// <summary>A contiguous buffer of this tensor's shape and dtype for a new gradient, outside any arena
    /// (gradients outlive the step): the spare one if it still fits, otherwise a new one. Contents undefined.</summary>
    internal Tensor TakeGradBuffer()
    {
        var spare = _spareGrad;
        _spareGrad = null;
        if (spare is not null && spare.Shape == Shape && spare.DType == DType) return spare;
        using var _ = TensorArena.Suspend();
        return Empty(Shape, DType);
    }

    /// <summary>The operation that produced this tensor, or null for a leaf.</summary>
    internal Node? GradFn { get; set; }

    internal Tensor(Array storage, Shape shape, DType dtype, int offset = 0, int[]? strides = null)
    {
        Storage = storage;
        Shape = shape;
        DType = dtype;
        Offset = offset;
        Strides = strides ?? shape.ContiguousStrides();
    }

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

    /// <summary>True for a tensor created by the user rather than by an operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The elements of a contiguous tensor as a span (no copy).</summary>
    internal Span<T> Span<T>()
    {
        if (!IsContiguous) throw new InvalidOperationException("Span requires a contiguous tensor; call Contiguous() first.");
        if (Storage is not T[] array)
            throw new InvalidOperationException($"Tensor holds {DType}, not {typeof(T).Name}.");
        return array.AsSpan(Offset, Count);
    }

    /// <summary>Runs reverse-mode differentiation from this scalar (or with an explicit output gradient).</summary>
    /// <param name="gradient">∂loss/∂this; defaults to 1 for a one-element tensor.</param>
    public void Backward(Tensor? gradient = null) => Graph.Backward(this, gradient);

    /// <summary>A tensor sharing this one's data but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(Storage, Shape, DType, Offset, Strides);

    /// <summary>A contiguous copy with its own storage, cut from the graph.</summary>
    public Tensor Clone()
    {
        var copy = Empty(Shape, DType);
        CopyInto(copy);
        return copy;
    }

    /// <summary>This tensor if already contiguous, otherwise a contiguous copy (differentiable).</summary>
    public Tensor Contiguous() => IsContiguous ? this : ViewOps.Contiguous(this);

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
        Tensors.Kernels.Strided.Gather((T[])Storage, Offset, Shape.Dims, Strides, destination.Span<T>());

    /// <summary>Replaces this tensor's data, shape and dtype with another's (used to load or convert parameters in place).</summary>
    internal void Assign(Tensor source)
    {
        var c = source.IsContiguous ? source : source.Clone();
        Storage = c.Storage;
        Offset = c.Offset;
        Strides = c.Strides;
        Shape = c.Shape;
        DType = c.DType;
        Grad = null;
    }

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

