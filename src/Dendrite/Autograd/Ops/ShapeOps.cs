namespace Dendrite.Autograd;

/// <summary>Joining tensors: concatenation along an axis and stacking along a new one.</summary>
internal static class ShapeOps
{
    /// <summary>Joins tensors whose shapes agree except along <paramref name="axis"/>.</summary>
    public static Tensor Concat(Tensor[] parts, int axis)
    {
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = parts[0];
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
        // Viewed as [outer, axis·inner], each part fills a contiguous block of every output row: plain copies, any dtype.
        var y = Tensor.Empty(new Shape(dims), first.DType);
        int outer = y.Shape.Product(0, a), inner = y.Shape.Product(a + 1, y.Rank), row = total * inner;
        int start = 0;
        var starts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            starts[i] = start;
            var part = parts[i].Contiguous();
            int block = part.Shape.Dims[a] * inner;
            for (int o = 0; o < outer; o++)
                Array.Copy(part.Storage, part.Offset + o * block, y.Storage, o * row + start * inner, block);
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
}
