using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// All the steps of one LSTM layer direction, forward or backward, as one parallel job over the fixed batch blocks of
/// <see cref="LstmStep"/>: a batch row of step t depends only on the same row of the step before, so each block runs
/// the whole sequence by itself and the workers are handed work once per sweep rather than once per step.
/// </summary>
/// <remarks>
/// Each block computes exactly what <see cref="LstmStep.ForwardBlock{T}"/> and <see cref="LstmStep.BackwardBlock{T}"/>
/// compute at every step, in the same order, so the results are bitwise those of the step-by-step jobs and do not
/// depend on the thread count. The s-th step processed is time t = s, or T − 1 − s with <c>reverse</c>.
/// <b>Shape:</b> projections, gates and ∂L/∂z [T, N, 4H]; h_{t−1}, c_{t−1} and tanh c_t [T, N, H]; the output
/// [T + 1, N, H] (h_t in time order, then the last cell state); z scratch [N, 4H]; W_hhᵀ [H, 4H], W_hh [4H, H].
/// </remarks>
internal static class LstmSweep
{
    /// <summary>
    /// Runs every step forward. <paramref name="hPrev"/> and <paramref name="cPrev"/> must hold h₀ and c₀ at the first
    /// step's time; each step writes the next step's there, and the last writes its cell state into the output's row T.
    /// </summary>
    public static void Forward<T>(int steps, int rows, int hidden, bool reverse, ReadOnlyMemory<T> wt, ReadOnlyMemory<T> bias,
        ReadOnlyMemory<T> xp, Memory<T> hPrev, Memory<T> cPrev, Memory<T> z, Memory<T> gates, Memory<T> tanhC, Memory<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(LstmStep.Blocks(rows), 8.0 * steps * rows * hidden * hidden,
            new ForwardSweep<T>(steps, rows, hidden, reverse, wt, bias, xp, hPrev, cPrev, z, gates, tanhC, output));

    /// <summary>
    /// Runs every step backward from the upstream gradient [T + 1, N, H]: writes ∂L/∂z, leaves ∂L/∂h₀ in
    /// <paramref name="dh"/> (when <paramref name="needH0"/>) and ∂L/∂c₀ in <paramref name="dc"/> when T is even, in
    /// <paramref name="dcOther"/> when T is odd. <paramref name="dh"/> must be zero and <paramref name="dc"/> hold the
    /// upstream's row T; <paramref name="dhTotal"/> is scratch.
    /// </summary>
    public static void Backward<T>(int steps, int rows, int hidden, bool reverse, bool needH0, ReadOnlyMemory<T> whh,
        ReadOnlyMemory<T> gates, ReadOnlyMemory<T> tanhC, ReadOnlyMemory<T> cPrev, ReadOnlyMemory<T> upstream, Memory<T> dh,
        Memory<T> dhTotal, Memory<T> dc, Memory<T> dcOther, Memory<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(LstmStep.Blocks(rows), 8.0 * steps * rows * hidden * hidden,
            new BackwardSweep<T>(steps, rows, hidden, reverse, needH0, whh, gates, tanhC, cPrev, upstream, dh, dhTotal, dc, dcOther, dz));

    private readonly struct ForwardSweep<T>(int steps, int rows, int hidden, bool reverse, ReadOnlyMemory<T> wt, ReadOnlyMemory<T> bias,
        ReadOnlyMemory<T> xp, Memory<T> hPrev, Memory<T> cPrev, Memory<T> z, Memory<T> gates, Memory<T> tanhC, Memory<T> output)
        : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int size = rows * hidden, wide = 4 * size;
            Span<T> hp = hPrev.Span, cp = cPrev.Span, o = output.Span, gt = gates.Span, tc = tanhC.Span;
            ReadOnlySpan<T> x = xp.Span;
            for (int s = 0; s < steps; s++)
            {
                int t = reverse ? steps - 1 - s : s, next = reverse ? t - 1 : t + 1;
                bool last = s == steps - 1;
                LstmStep.ForwardBlock<T>(block, rows, hidden, wt.Span, bias.Span, x.Slice(t * wide, wide), hp.Slice(t * size, size),
                    cp.Slice(t * size, size), z.Span, gt.Slice(t * wide, wide), last ? o.Slice(steps * size, size) : cp.Slice(next * size, size),
                    tc.Slice(t * size, size), o.Slice(t * size, size), last ? default : hp.Slice(next * size, size));
            }
        }
    }

    private readonly struct BackwardSweep<T>(int steps, int rows, int hidden, bool reverse, bool needH0, ReadOnlyMemory<T> whh,
        ReadOnlyMemory<T> gates, ReadOnlyMemory<T> tanhC, ReadOnlyMemory<T> cPrev, ReadOnlyMemory<T> upstream, Memory<T> dh,
        Memory<T> dhTotal, Memory<T> dc, Memory<T> dcOther, Memory<T> dz) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int size = rows * hidden, wide = 4 * size;
            ReadOnlySpan<T> up = upstream.Span, gt = gates.Span, tc = tanhC.Span, cp = cPrev.Span;
            Span<T> current = dc.Span, other = dcOther.Span, d = dz.Span;
            for (int s = steps - 1; s >= 0; s--)
            {
                int t = reverse ? steps - 1 - s : s;
                // ∂L/∂h_t from the output at t and the next step's recurrent product; ∂L/∂c_{t−1} into the other buffer.
                LstmStep.BackwardBlock<T>(block, rows, hidden, whh.Span, gt.Slice(t * wide, wide), tc.Slice(t * size, size),
                    cp.Slice(t * size, size), up.Slice(t * size, size), dh.Span, dhTotal.Span, current, d.Slice(t * wide, wide), other,
                    s > 0 || needH0);
                Span<T> swap = current;
                current = other;
                other = swap;
            }
        }
    }
}
