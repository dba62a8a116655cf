using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>Matrix products on the blocked GEMM; transposed views are passed as flags, never copied.</summary>
internal static class MatMulOps
{
    /// <summary>
    /// a·b for [m, k]·[k, n] → [m, n]; [..., m, k]·[k, n] folds the leading axes into m;
    /// [B, m, k]·[B, k, n] → [B, m, n] multiplies batch by batch.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        a.RequireFloatingPoint("MatMul");
        Tensor.RequireSameDType(a, b, "MatMul");
        if (a.Rank == 3 && b.Rank == 3) return BatchedMatMul(a, b);
        if (a.Rank < 2 || b.Rank != 2)
            throw new ArgumentException($"MatMul expects [m, k]·[k, n], [..., m, k]·[k, n] or [B, m, k]·[B, k, n] but got {a.Shape} · {b.Shape}.");
        if (a.Rank > 2)
        {
            var lead = a.Shape.ToArray()[..^1];
            var flat = ViewOps.Reshape(a, [-1, a.Shape[-1]]);
            return ViewOps.Reshape(MatMul(flat, b), [.. lead, b.Shape[1]]);
        }
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        if (b.Shape[0] != k) throw new ArgumentException($"MatMul inner sizes differ: {a.Shape} · {b.Shape}.");
        var y = Tensor.Empty([m, n], a.DType);
        Gemm(a, false, b, false, y, 0);
        return Graph.Record(y, "MatMul", [a, b], g =>
        {
            Tensor? da = null, db = null;
            if (a.RequiresGrad) { da = Tensor.Empty(a.Shape, a.DType); Gemm(g, false, b, true, da, 0); }   // ∂L/∂a = g·bᵀ
            if (b.RequiresGrad) { db = Tensor.Empty(b.Shape, b.DType); Gemm(a, true, g, false, db, 0); }   // ∂L/∂b = aᵀ·g
            return [da, db];
        });
    }

    private static Tensor BatchedMatMul(Tensor a, Tensor b)
    {
        if (a.Shape[0] != b.Shape[0] || a.Shape[2] != b.Shape[1])
            throw new ArgumentException($"Batched MatMul expects [B, m, k]·[B, k, n] but got {a.Shape} · {b.Shape}.");
        var parts = new Tensor[a.Shape[0]];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = MatMul(ViewOps.Narrow(a, 0, i, 1).Reshape(a.Shape[1], a.Shape[2]), ViewOps.Narrow(b, 0, i, 1).Reshape(b.Shape[1], b.Shape[2]));
        return ShapeOps.Stack(parts);
    }

    /// <summary>y = x·Wᵀ + b for x [N, in], W [out, in], b [out] (or null) → [N, out]; leading axes of x are folded into N.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        x.RequireFloatingPoint("Linear");
        Tensor.RequireSameDType(x, weight, "Linear");
        if (x.Rank > 2)
        {
            var lead = x.Shape.ToArray()[..^1];
            return ViewOps.Reshape(Linear(ViewOps.Reshape(x, [-1, x.Shape[-1]]), weight, bias), [.. lead, weight.Shape[0]]);
        }
        if (x.Rank != 2 || weight.Rank != 2 || x.Shape[1] != weight.Shape[1])
            throw new ArgumentException($"Linear expects x [N, {weight.Shape[^1]}] for weight {weight.Shape} but got {x.Shape}.");
        int n = x.Shape[0], outF = weight.Shape[0];
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outF))
            throw new ArgumentException($"Linear bias must be [{outF}] but is {bias.Shape}.");
        var y = Tensor.Empty([n, outF], x.DType);
        if (bias is not null) BroadcastRows(bias, y);
        Gemm(x, false, weight, true, y, bias is null ? 0 : 1);
        return Graph.Records(x, weight, bias) ? RecordLinear(y, x, weight, bias) : y; // batch-1 inference allocates no closure
    }

    /// <summary>Attaches Linear's backward: ∂L/∂x = g·W, ∂L/∂W = gᵀ·x, ∂L/∂b = Σₙ g.</summary>
    private static Tensor RecordLinear(Tensor y, Tensor x, Tensor weight, Tensor? bias)
    {
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Graph.Record(y, "Linear", inputs, g =>
        {
            Tensor? dx = null, dw = null, db = null;
            if (x.RequiresGrad) { dx = Tensor.Empty(x.Shape, x.DType); Gemm(g, false, weight, false, dx, 0); }
            if (weight.RequiresGrad) { dw = weight.NewGradient(); Gemm(g, true, x, false, dw, 0); }
            if (bias is not null && bias.RequiresGrad) db = ReductionOps.Sum(g, 0, keepDim: false);
            return bias is null ? [dx, dw] : [dx, dw, db];
        });
    }

    private static void BroadcastRows(Tensor row, Tensor y)
    {
        if (y.IsFloat64) BroadcastRows(row.Contiguous().Span<double>(), y.Span<double>());
        else BroadcastRows(row.Contiguous().Span<float>(), y.Span<float>());
    }

    /// <summary>Copies <paramref name="row"/> into every row of <paramref name="y"/>: the bias that Linear's GEMM then
    /// accumulates onto with β = 1 (<see cref="Tensors.Kernels.Gemm.Linear{T}"/>, which <see cref="NN.DenseChain"/> calls, copies it per
    /// task the same way, so both round alike).</summary>
    internal static void BroadcastRows<T>(ReadOnlySpan<T> row, Span<T> y)
    {
        for (int i = 0; i < y.Length; i += row.Length) row.CopyTo(y.Slice(i, row.Length));
    }

    /// <summary>c = op(a)·op(b) + beta·c for 2-D tensors, reading transposed views through GEMM flags.</summary>
    internal static void Gemm(Tensor a, bool transA, Tensor b, bool transB, Tensor c, double beta)
    {
        if (c.IsFloat64) Gemm<double>(a, transA, b, transB, c, beta);
        else Gemm<float>(a, transA, b, transB, c, beta);
    }

    private static void Gemm<T>(Tensor a, bool transA, Tensor b, bool transB, Tensor c, double beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (aData, aOffset, ta, lda) = Operand<T>(a, transA);
        var (bData, bOffset, tb, ldb) = Operand<T>(b, transB);
        ReadOnlySpan<T> sa = aData.AsSpan(aOffset), sb = bData.AsSpan(bOffset);
        int m = c.Shape[0], n = c.Shape[1];
        int k = transA ? a.Shape[0] : a.Shape[1];
        Tensors.Kernels.Gemm.Multiply(ta, tb, m, n, k, sa, lda, sb, ldb, c.Span<T>(), n, T.One, T.CreateChecked(beta));
    }

    /// <summary>The storage span, effective transpose flag and leading dimension of a 2-D operand.</summary>
    private static (T[] Data, int Offset, bool Transposed, int Ld) Operand<T>(Tensor t, bool transpose)
    {
        int rows = t.Shape[0], cols = t.Shape[1];
        if (t.Strides[1] == 1 && t.Strides[0] >= cols)
            return ((T[])t.Storage, t.Offset, transpose, Math.Max(1, t.Strides[0]));
        if (t.Strides[0] == 1 && t.Strides[1] >= rows)
            return ((T[])t.Storage, t.Offset, !transpose, Math.Max(1, t.Strides[1]));
        var c = t.Clone();
        return ((T[])c.Storage, 0, transpose, Math.Max(1, cols));
    }
}
