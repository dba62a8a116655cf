using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// One LSTM time step, its recurrent product and its cell update together, forward or backward, on fixed blocks of
/// <see cref="BlockRows"/> batch rows: <see cref="ForwardBlock{T}"/> and <see cref="BackwardBlock{T}"/> do one block,
/// <see cref="Forward{T}"/> and <see cref="Backward{T}"/> one step as one parallel job. Every row of a step depends only
/// on the same row of the step before, so a block needs nothing from the others; <see cref="LstmSweep"/> (what
/// <c>LstmSequenceOp</c> runs) therefore gives each block every step in one job, and the per-step jobs remain for
/// <c>bench lstmphases</c>' comparison. W_hh is read in place (never packed), as it is the same at every step.
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

    /// <summary>
    /// Writes z [N, 4H] (scratch), the activated gates [N, 4H], c', tanh c' and h' [N, H], and h' again into
    /// <paramref name="hCopy"/> unless it is empty. <paramref name="bias"/> [4H] may be empty.
    /// </summary>
    public static void Forward<T>(int rows, int hidden, ReadOnlyMemory<T> wt, ReadOnlyMemory<T> bias, ReadOnlyMemory<T> xp,
        ReadOnlyMemory<T> hPrev, ReadOnlyMemory<T> cPrev, Memory<T> z, Memory<T> gates, Memory<T> cNext, Memory<T> tanhC,
        Memory<T> hNext, Memory<T> hCopy) where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(Blocks(rows), 8.0 * rows * hidden * hidden,
            new ForwardBlocks<T>(rows, hidden, wt, bias, xp, hPrev, cPrev, z, gates, cNext, tanhC, hNext, hCopy));

    /// <summary>
    /// Writes ∂L/∂z <paramref name="dz"/> [N, 4H] and ∂L/∂c <paramref name="dcPrev"/> [N, H] from dh_out + dh_rec and dc';
    /// then, when <paramref name="recurrent"/>, overwrites <paramref name="dh"/> with dz·W_hh (∂L/∂h_{t−1} through the
    /// product). <paramref name="dhTotal"/> [N, H] is scratch.
    /// </summary>
    public static void Backward<T>(int rows, int hidden, ReadOnlyMemory<T> whh, ReadOnlyMemory<T> gates, ReadOnlyMemory<T> tanhC,
        ReadOnlyMemory<T> cPrev, ReadOnlyMemory<T> dhOut, Memory<T> dh, Memory<T> dhTotal, ReadOnlyMemory<T> dc, Memory<T> dz,
        Memory<T> dcPrev, bool recurrent) where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(Blocks(rows), 8.0 * rows * hidden * hidden,
            new BackwardBlocks<T>(rows, hidden, whh, gates, tanhC, cPrev, dhOut, dh, dhTotal, dc, dz, dcPrev, recurrent));

    public static int Blocks(int rows) => (rows + BlockRows - 1) / BlockRows;

    private readonly struct ForwardBlocks<T>(int rows, int hidden, ReadOnlyMemory<T> wt, ReadOnlyMemory<T> bias, ReadOnlyMemory<T> xp,
        ReadOnlyMemory<T> hPrev, ReadOnlyMemory<T> cPrev, Memory<T> z, Memory<T> gates, Memory<T> cNext, Memory<T> tanhC,
        Memory<T> hNext, Memory<T> hCopy) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block) => ForwardBlock<T>(block, rows, hidden, wt.Span, bias.Span, xp.Span, hPrev.Span, cPrev.Span, z.Span,
            gates.Span, cNext.Span, tanhC.Span, hNext.Span, hCopy.Span);
    }

    private readonly struct BackwardBlocks<T>(int rows, int hidden, ReadOnlyMemory<T> whh, ReadOnlyMemory<T> gates, ReadOnlyMemory<T> tanhC,
        ReadOnlyMemory<T> cPrev, ReadOnlyMemory<T> dhOut, Memory<T> dh, Memory<T> dhTotal, ReadOnlyMemory<T> dc, Memory<T> dz,
        Memory<T> dcPrev, bool recurrent) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block) => BackwardBlock<T>(block, rows, hidden, whh.Span, gates.Span, tanhC.Span, cPrev.Span, dhOut.Span, dh.Span,
            dhTotal.Span, dc.Span, dz.Span, dcPrev.Span, recurrent);
    }

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
