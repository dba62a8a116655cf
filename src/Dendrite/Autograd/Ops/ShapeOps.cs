namespace Dendrite.Autograd;

/// <summary>Joining tensors: concatenation along an axis and stacking along a new one.</summary>
internal static class ShapeOps
{
    /// <summary>Joins tensors whose shapes agree except along <paramref name="axis"/>.</summary>
    public static Tensor Concat(Tensor[] parts, int axis)
    {
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = parts[0];
        if (first.DType == DType.Int32) // exact through float64 (|n| < 2⁵³); labels carry no gradient
            return ViewOps.To(Concat([.. parts.Select(p => ViewOps.To(p, DType.Float64))], axis), DType.Int32);
        int a = first.Shape.NormalizeAxis(axis);
        var dims = first.Shape.ToArray();
        int total = 0;
        foreach (var p in parts)
        {
            Tensor.RequireSameDType(first, p, "Concat");
            bool ok = p.Rank == first.Rank;
            for (int d = 0; ok && d < p.Rank; d++) ok = d == a || p.Shape.Dims[d] == dims[d];
            if (!ok) throw new ArgumentException($"Concat along axis {a}: shape {p.Shape} does not match {first.Shape}.");
            total += p.Shape.Dims[a];
        }
        dims[a] = total;
        var y = Tensor.Zeros(new Shape(dims), first.DType);
        int start = 0;
        var starts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            starts[i] = start;
            ViewOps.ScatterAdd(parts[i], RegionOf(y, a, start, parts[i].Shape));
            start += parts[i].Shape.Dims[a];
        }
        return Graph.Record(y, "Concat", parts, g =>
        {
            var grads = new Tensor?[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (parts[i].RequiresGrad) grads[i] = ViewOps.Narrow(g, a, starts[i], parts[i].Shape.Dims[a]).Contiguous();
            return grads;
        });
    }

    /// <summary>Stacks equally shaped tensors along a new leading axis.</summary>
    public static Tensor Stack(Tensor[] parts) =>
        Concat([.. parts.Select(p => ViewOps.Reshape(p, [1, .. p.Shape.ToArray()]))], 0);

    private static Tensor RegionOf(Tensor y, int axis, int start, Shape shape) =>
        new(y.Storage, shape, y.DType, start * y.Strides[axis], y.Strides);
}
