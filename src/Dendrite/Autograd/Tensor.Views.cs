using Dendrite.Autograd;

namespace Dendrite;

public sealed partial class Tensor
{
    /// <summary>The same elements in a new shape; one size may be −1 (inferred). Shares storage when contiguous.</summary>
    public Tensor Reshape(params int[] shape) => ViewOps.Reshape(this, shape);

    /// <summary>Collapses every axis after the first: [N, ...] → [N, rest].</summary>
    public Tensor Flatten() => Rank <= 1 ? this : ViewOps.Reshape(this, [Shape[0], -1]);

    /// <summary>Inserts a size-1 axis at <paramref name="axis"/>.</summary>
    public Tensor Unsqueeze(int axis)
    {
        var dims = new List<int>(Shape.ToArray());
        dims.Insert(axis < 0 ? axis + Rank + 1 : axis, 1);
        return ViewOps.Reshape(this, [.. dims]);
    }

    /// <summary>Removes a size-1 axis.</summary>
    public Tensor Squeeze(int axis)
    {
        int a = Shape.NormalizeAxis(axis);
        if (Shape.Dims[a] != 1) throw new ArgumentException($"Squeeze: axis {a} of shape {Shape} has size {Shape.Dims[a]}, not 1.");
        var dims = new List<int>(Shape.ToArray());
        dims.RemoveAt(a);
        return ViewOps.Reshape(this, [.. dims]);
    }

    /// <summary>Swaps two axes (a view).</summary>
    public Tensor Transpose(int axis0, int axis1)
    {
        var dims = Enumerable.Range(0, Rank).ToArray();
        int a = Shape.NormalizeAxis(axis0), b = Shape.NormalizeAxis(axis1);
        (dims[a], dims[b]) = (dims[b], dims[a]);
        return ViewOps.Permute(this, dims);
    }

    /// <summary>The transpose of a matrix (a view).</summary>
    public Tensor T => Rank == 2 ? Transpose(0, 1) : throw new InvalidOperationException($"T needs a matrix but the shape is {Shape}; use Permute.");

    /// <summary>Reorders axes: output axis a is input axis dims[a] (a view).</summary>
    public Tensor Permute(params int[] dims) => ViewOps.Permute(this, dims);

    /// <summary>The range [start, start + length) along an axis (a view).</summary>
    public Tensor Narrow(int axis, int start, int length) => ViewOps.Narrow(this, axis, start, length);

    /// <summary>Entry <paramref name="index"/> along the first axis, without that axis (a view).</summary>
    [System.Runtime.CompilerServices.IndexerName("Entry")]
    public Tensor this[int index] =>
        Rank == 0 ? throw new InvalidOperationException("Cannot index a rank-0 tensor.")
                  : ViewOps.Narrow(this, 0, index, 1).Reshape(Shape.ToArray()[1..]);

    /// <summary>The rows at <paramref name="indices"/> along the first axis, copied (differentiable; repeats allowed).</summary>
    public Tensor SelectRows(ReadOnlySpan<int> indices) => IndexOps.SelectRows(this, indices);

    /// <summary>Broadcasts size-1 axes to <paramref name="shape"/> without copying (a view).</summary>
    public Tensor Expand(Shape shape) => ViewOps.Expand(this, shape);
}
