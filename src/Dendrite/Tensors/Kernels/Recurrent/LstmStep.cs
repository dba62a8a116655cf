using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// One LSTM time step, its recurrent product and its cell update together, forward or backward, on fixed blocks of
/// <see cref="BlockRows"/> batch rows: <see cref="ForwardBlock{T}"/> and <see cref="BackwardBlock{T}"/> do one block.
/// Every row of a step depends only on the same row of the step before, so a block needs nothing from the others;
/// <see cref="LstmSweep"/> (what <c>LstmSequenceOp</c> runs) gives each block every step in one parallel job. W_hh is
/// read in place (never packed), as it is the same at every step.
/// </summary>
/// <remarks>
/// Forward of a block: z = b_hh + h_{t−1}·W_hhᵀ (the bias first, then the product with β = 1, as <c>Linear</c> rounds
/// it), then <see cref="LstmGates.Forward{T}"/>. Backward of a block: dh = dh_out + dh_rec, <see cref="LstmGates.Backward{T}"/>,
/// then dh_rec = dz·W_hh for the step before. The blocks are fixed by the batch size alone, so every sum is the same
/// whatever the thread count. <b>Shape:</b> W_hhᵀ [H, 4H] forward and W_hh [4H, H] backward; rows [N, 4H] and [N, H].
/// </remarks>
internal static class LstmStep
{
    /// <summary>Batch rows per block: two 8-row tiles of the AVX-512 GEMM kernel.</summary>
    public const int BlockRows = 16;

    /// <summary>How many blocks of <see cref="BlockRows"/> rows cover <paramref name="rows"/> batch rows.</summary>
    public static int Blocks(int rows) => (rows + BlockRows - 1) / BlockRows;

    /// <summary>The forward of batch block <paramref name="block"/> of one step; the spans are the whole step's.</summary>
    public static void ForwardBlock<T>(int block, int rows, int hidden, ReadOnlySpan<T> wt, ReadOnlySpan<T> bias, ReadOnlySpan<T> xp,
        ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev, Span<T> z, Span<T> gates, Span<T> cNext, Span<T> tanhC, Span<T> hNext,
        Span<T> hCopy) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r0 = block * BlockRows, m = Math.Min(BlockRows, rows - r0), h = hidden, g = 4 * h;
        Span<T> zb = z.Slice(r0 * g, m * g);
        for (int r = 0; r < m; r++)
            if (bias.IsEmpty) zb.Slice(r * g, g).Clear();
            else bias.CopyTo(zb.Slice(r * g, g));
        GemmSerial.Multiply(false, false, m, g, h, hPrev.Slice(r0 * h, m * h), h, wt, g, zb, g, T.One, T.One, inPlaceB: true);
        Span<T> hb = hNext.Slice(r0 * h, m * h);
        LstmGates.Forward<T>(xp.Slice(r0 * g, m * g), zb, cPrev.Slice(r0 * h, m * h), h, gates.Slice(r0 * g, m * g),
            cNext.Slice(r0 * h, m * h), tanhC.Slice(r0 * h, m * h), hb);
        if (!hCopy.IsEmpty) hb.CopyTo(hCopy.Slice(r0 * h, m * h));
    }

    /// <summary>The backward of batch block <paramref name="block"/> of one step; the spans are the whole step's.</summary>
    public static void BackwardBlock<T>(int block, int rows, int hidden, ReadOnlySpan<T> whh, ReadOnlySpan<T> gates, ReadOnlySpan<T> tanhC,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> dhOut, Span<T> dh, Span<T> dhTotal, ReadOnlySpan<T> dc, Span<T> dz, Span<T> dcPrev,
        bool recurrent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r0 = block * BlockRows, m = Math.Min(BlockRows, rows - r0), h = hidden, g = 4 * h;
        Span<T> dhb = dh.Slice(r0 * h, m * h), total = dhTotal.Slice(r0 * h, m * h), dzb = dz.Slice(r0 * g, m * g);
        TensorPrimitives.Add(dhOut.Slice(r0 * h, m * h), dhb, total);
        LstmGates.Backward<T>(gates.Slice(r0 * g, m * g), tanhC.Slice(r0 * h, m * h), cPrev.Slice(r0 * h, m * h),
            total, dc.Slice(r0 * h, m * h), h, dzb, dcPrev.Slice(r0 * h, m * h));
        if (recurrent) GemmSerial.Multiply(false, false, m, h, g, dzb, g, whh, h, dhb, h, T.One, T.Zero, inPlaceB: true);
    }
}
