using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Shape-changing ops. Reshape, permute, narrow and expand return views sharing storage.</summary>
internal static class ViewOps
{
    /// <summary>Same elements, new shape (one size may be −1 and is inferred). A view when the input is contiguous.</summary>
    public static Tensor Reshape(Tensor x, int[] shape)
    {
        var target = InferShape(x.Shape, shape);
        if (target == x.Shape) return x;
        var src = x.Contiguous();
        var y = new Tensor(src, target, src.Offset);
        return Graph.Record(y, "Reshape", [src], g => [Reshape(g, x.Shape.ToArray())]);
    }

    private static Shape InferShape(Shape from, int[] shape)
    {
        int infer = Array.IndexOf(shape, -1);
        var dims = (int[])shape.Clone();
        if (infer >= 0)
        {
            int known = 1;
            for (int i = 0; i < dims.Length; i++) if (i != infer) known *= dims[i];
            if (known == 0 || from.Count % known != 0)
                throw new ArgumentException($"Cannot reshape {from} to [{string.Join(", ", shape)}].");
            dims[infer] = from.Count / known;
        }
        var target = new Shape(dims);
        if (target.Count != from.Count)
            throw new ArgumentException($"Cannot reshape {from} ({from.Count} elements) to {target} ({target.Count} elements).");
        return target;
    }

    /// <summary>Reorders axes: output axis a is input axis dims[a]. A view.</summary>
    public static Tensor Permute(Tensor x, int[] dims)
    {
        if (dims.Length != x.Rank) throw new ArgumentException($"Permute needs {x.Rank} axes for shape {x.Shape} but got {dims.Length}.");
        var shape = new int[x.Rank];
        var strides = new int[x.Rank];
        var inverse = new int[x.Rank];
        var seen = new bool[x.Rank];
        for (int a = 0; a < dims.Length; a++)
        {
            int d = x.Shape.NormalizeAxis(dims[a]);
            if (seen[d]) throw new ArgumentException($"Permute axes [{string.Join(", ", dims)}] repeat axis {d}.");
            seen[d] = true;
            shape[a] = x.Shape.Dims[d];
            strides[a] = x.Strides[d];
            inverse[d] = a;
        }
        var y = new Tensor(x, new Shape(shape), x.Offset, strides);
        return Graph.Record(y, "Permute", [x], g => [Permute(g, inverse)]);
    }

    /// <summary>The sub-range [start, start + length) of one axis. A view.</summary>
    public static Tensor Narrow(Tensor x, int axis, int start, int length)
    {
        int a = x.Shape.NormalizeAxis(axis);
        if (start < 0 || length < 0 || start + length > x.Shape.Dims[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow [{start}, {start + length}) is outside axis {a} of shape {x.Shape}.");
        var shape = x.Shape.ToArray();
        shape[a] = length;
        var y = new Tensor(x, new Shape(shape), x.Offset + start * x.Strides[a], x.Strides);
        return Graph.RecordSlice(y, "Narrow", x, (g, dx) =>
            ScatterAdd(g, new Tensor(dx, g.Shape, dx.Offset + start * dx.Strides[a], dx.Strides)));
    }

    /// <summary>Repeats size-1 axes (and prepends axes) to reach <paramref name="shape"/> using stride 0. A view.</summary>
    public static Tensor Expand(Tensor x, Shape shape)
    {
        if (x.Shape == shape) return x;
        if (Shape.Broadcast(x.Shape, shape) != shape)
            throw new ArgumentException($"Cannot expand {x.Shape} to {shape}.");
        var strides = new int[shape.Rank];
        int lead = shape.Rank - x.Rank;
        for (int a = lead; a < shape.Rank; a++)
            strides[a] = x.Shape.Dims[a - lead] == 1 ? 0 : x.Strides[a - lead];
        var y = new Tensor(x, shape, x.Offset, strides);
        return Graph.Record(y, "Expand", [x], g => [SumTo(g, x.Shape)]);
    }

    /// <summary>A dense row-major copy.</summary>
    public static Tensor Contiguous(Tensor x)
    {
        var y = Tensor.Empty(x.Shape, x.DType);
        x.CopyInto(y);
        return Graph.Record(y, "Contiguous", [x], g => [g]);
    }

    /// <summary>Converts the element type; the gradient is converted back.</summary>
    public static Tensor To(Tensor x, DType dtype)
    {
        if (x.DType == dtype) return x;
        var src = x.Contiguous();
        var y = Tensor.Empty(x.Shape, dtype);
        src.ConvertInto(y);
        if (!dtype.IsFloatingPoint() || !x.DType.IsFloatingPoint()) return y;
        return Graph.Record(y, "To", [src], g => [To(g, src.DType)]);
    }

    /// <summary>Sums a broadcast gradient back to the shape of the operand that was broadcast.</summary>
    public static Tensor SumTo(Tensor g, Shape target)
    {
        if (g.Shape == target) return g;
        var result = Tensor.Zeros(target, g.DType);
        var strides = new int[g.Rank];
        var targetStrides = target.ContiguousStrides();
        int lead = g.Rank - target.Rank;
        for (int a = lead; a < g.Rank; a++)
            strides[a] = target.Dims[a - lead] == 1 ? 0 : targetStrides[a - lead];
        ScatterAdd(g, new Tensor(result, g.Shape, 0, strides));
        return result;
    }

    /// <summary>destination += source, elementwise, where destination may be any strided view.</summary>
    internal static void ScatterAdd(Tensor source, Tensor destination)
    {
        if (source.IsFloat64) ScatterAdd<double>(source, destination);
        else ScatterAdd<float>(source, destination);
    }

    private static void ScatterAdd<T>(Tensor source, Tensor destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        destination.MarkWritten();
        Strided.ScatterAdd(source.Contiguous().Span<T>(), (T[])destination.Storage, destination.Offset, destination.Shape.Dims, destination.Strides);
    }
}
