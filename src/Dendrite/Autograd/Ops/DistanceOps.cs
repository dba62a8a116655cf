using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Pairwise squared Euclidean distances between two sets of row vectors, the matrix metric learning mines.</summary>
internal static class DistanceOps
{
    /// <summary>
    /// D[i, j] = ‖xᵢ − yⱼ‖² = Σₖ (x[i, k] − y[j, k])². <b>Shape:</b> x (N, D), y (M, D) → (N, M).
    /// Passing the same tensor twice gives the symmetric matrix of a batch; its gradient collects both uses.
    /// </summary>
    public static Tensor PairwiseSquared(Tensor x, Tensor y)
    {
        x.RequireFloatingPoint("PairwiseSquaredDistances");
        if (x.Rank != 2 || y.Rank != 2 || x.Shape[1] != y.Shape[1] || x.DType != y.DType)
            throw new ArgumentException($"PairwiseSquaredDistances expects x [N, D] and y [M, D] of one dtype but got {x.DType} {x.Shape} and {y.DType} {y.Shape}.");
        int n = x.Shape[0], m = y.Shape[0], d = x.Shape[1];
        var xc = x.Contiguous();
        var yc = y.Contiguous();
        var distances = Tensor.Empty([n, m], x.DType);
        if (x.IsFloat64) SquaredDistances.Forward(xc.Span<double>(), yc.Span<double>(), n, m, d, distances.Span<double>());
        else SquaredDistances.Forward(xc.Span<float>(), yc.Span<float>(), n, m, d, distances.Span<float>());
        return Graph.Record(distances, "PairwiseSquaredDistances", [xc, yc], g => x.IsFloat64
            ? Backward<double>(xc, yc, g, n, m, d)
            : Backward<float>(xc, yc, g, n, m, d));
    }

    private static Tensor?[] Backward<T>(Tensor x, Tensor y, Tensor g, int n, int m, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dx = x.RequiresGrad ? Tensor.Empty(x.Shape, x.DType) : null;
        var dy = y.RequiresGrad ? Tensor.Empty(y.Shape, y.DType) : null;
        SquaredDistances.Backward(x.Span<T>(), y.Span<T>(), g.Contiguous().Span<T>(), n, m, d,
            dx is null ? [] : dx.Span<T>(), dy is null ? [] : dy.Span<T>());
        return [dx, dy];
    }
}
