using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Add, subtract, multiply and divide with NumPy broadcasting; the backward un-broadcasts with SumTo.</summary>
internal static class ArithmeticOps
{
    private enum Kind { Add, Subtract, Multiply, Divide }

    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, Kind.Add);

    public static Tensor Subtract(Tensor a, Tensor b) => Binary(a, b, Kind.Subtract);

    public static Tensor Multiply(Tensor a, Tensor b) => Binary(a, b, Kind.Multiply);

    public static Tensor Divide(Tensor a, Tensor b) => Binary(a, b, Kind.Divide);

    private static Tensor Binary(Tensor a, Tensor b, Kind kind)
    {
        string name = Name(kind);
        a.RequireFloatingPoint(name);
        Tensor.RequireSameDType(a, b, name);
        var shape = Shape.Broadcast(a.Shape, b.Shape);
        var y = a.IsFloat64 ? Forward<double>(a, b, shape, kind) : Forward<float>(a, b, shape, kind);
        return Graph.Record(y, name, [a, b], g => kind switch
        {
            // ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
            Kind.Add => [ViewOps.SumTo(g, a.Shape), ViewOps.SumTo(g, b.Shape)],
            // ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1
            Kind.Subtract => [ViewOps.SumTo(g, a.Shape), b.RequiresGrad ? ViewOps.SumTo(ScalarOps.Affine(g, -1, 0), b.Shape) : null],
            // ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
            Kind.Multiply => [a.RequiresGrad ? ViewOps.SumTo(Multiply(g, b), a.Shape) : null,
                              b.RequiresGrad ? ViewOps.SumTo(Multiply(g, a), b.Shape) : null],
            // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b² = −y/b
            _ => [a.RequiresGrad ? ViewOps.SumTo(Divide(g, b), a.Shape) : null,
                  b.RequiresGrad ? ViewOps.SumTo(ScalarOps.Affine(Divide(Multiply(g, y), b), -1, 0), b.Shape) : null],
        });
    }

    /// <summary>The op's name (a literal: <c>kind.ToString()</c> would box the enum on every call).</summary>
    private static string Name(Kind kind) => kind switch
    {
        Kind.Add => "Add",
        Kind.Subtract => "Subtract",
        Kind.Multiply => "Multiply",
        _ => "Divide",
    };

    private static Tensor Forward<T>(Tensor a, Tensor b, Shape shape, Kind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty(shape, a.DType);
        Span<T> ys = y.Span<T>();
        if (b.Count == 1 && a.Shape == shape && kind is Kind.Add or Kind.Subtract or Kind.Multiply or Kind.Divide)
        {
            T s = b.Contiguous().Span<T>()[0];
            ReadOnlySpan<T> xs = a.Contiguous().Span<T>();
            switch (kind)
            {
                case Kind.Add: Elementwise.Add(xs, s, ys); break;
                case Kind.Subtract: Elementwise.Add(xs, -s, ys); break;
                case Kind.Multiply: Elementwise.Multiply(xs, s, ys); break;
                default: Elementwise.Multiply(xs, T.One / s, ys); break;
            }
            return y;
        }
        ReadOnlySpan<T> sa = Materialize<T>(a, shape), sb = Materialize<T>(b, shape);
        unsafe
        {
            fixed (T* pa = sa, pb = sb, py = ys)
                KernelParallel.ForElements(ys.Length, new BinaryBody<T>(pa, pb, py, kind));
        }
        return y;
    }

    /// <summary>The operand's elements laid out densely in the broadcast shape (a copy only when needed).</summary>
    private static ReadOnlySpan<T> Materialize<T>(Tensor t, Shape shape)
    {
        if (t.Shape == shape) return t.Contiguous().Span<T>();
        var dense = Tensor.Empty(shape, t.DType);
        ViewOps.Expand(t.Detach(), shape).CopyInto(dense);
        return dense.Span<T>();
    }

    /// <summary>z = a ∘ b over a range of three dense arrays of the same length.</summary>
    private readonly unsafe struct BinaryBody<T>(T* a, T* b, T* z, Kind kind) : ISpanBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int length)
        {
            ReadOnlySpan<T> sa = new(a + start, length), sb = new(b + start, length);
            Span<T> sz = new(z + start, length);
            switch (kind)
            {
                case Kind.Add: Elementwise.Add(sa, sb, sz); break;
                case Kind.Subtract: Elementwise.Subtract(sa, sb, sz); break;
                case Kind.Multiply: Elementwise.Multiply(sa, sb, sz); break;
                default: Elementwise.Divide(sa, sb, sz); break;
            }
        }
    }
}
