using System.Numerics;
using System.Numerics.Tensors;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// One direction of an LSTM layer over a whole sequence as one differentiable op. From the input projections
/// xp [T, N, 4H] (x_t·W_ihᵀ + b_ih, gates i, f, g, o), the initial state h₀, c₀ [N, H] and W_hh [4H, H], b_hh [4H]
/// (or null), each step computes z_t = xp_t + h_{t−1}·W_hhᵀ + b_hh (one GEMM) and the fused cell update of
/// <see cref="LstmGates"/>: c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g), h_t = σ(o) ⊙ tanh(c_t). <b>Shape:</b> the output
/// is [T + 1, N, H]: h_t for t = 0 … T − 1 in time order, then the final cell state in row T. With
/// <c>reverse</c> the steps run from t = T − 1 down to 0 (the backward direction of a bidirectional layer).
/// </summary>
/// <remarks>
/// The backward sweeps the steps in reverse with one GEMM per step for ∂L/∂h_{t−1} = dz_t·W_hh and keeps every
/// dz_t [N, 4H], which is ∂L/∂xp as it stands; after the sweep ∂L/∂W_hh = Σ_t dz_tᵀ·h_{t−1} is one GEMM over all
/// T·N rows and ∂L/∂b_hh one column sum, instead of T small products accumulated step by step.
/// </remarks>
internal static class LstmSequenceOp
{
    public static Tensor Apply(Tensor projections, Tensor h0, Tensor c0, Tensor whh, Tensor? bhh, bool reverse)
    {
        int hidden = whh.Rank == 2 ? whh.Shape[1] : -1;
        if (projections.Rank != 3 || hidden <= 0 || whh.Shape[0] != 4 * hidden || projections.Shape[2] != 4 * hidden)
            throw new ArgumentException($"An LSTM sequence needs projections [T, N, 4H] and W_hh [4H, H] but got {projections.Shape} and {whh.Shape}.");
        int steps = projections.Shape[0], rows = projections.Shape[1];
        Shape state = [rows, hidden];
        if (h0.Shape != state || c0.Shape != state || (bhh is not null && (bhh.Rank != 1 || bhh.Shape[0] != 4 * hidden)))
            throw new ArgumentException($"An LSTM sequence over {projections.Shape} needs h0 and c0 {state} and b_hh [{4 * hidden}] but got {h0.Shape}, {c0.Shape} and {bhh?.Shape}.");
        if (steps == 0) throw new ArgumentException("An LSTM sequence needs at least one step.");
        projections.RequireFloatingPoint("LSTM sequence");
        foreach (var t in (Tensor?[])[h0, c0, whh, bhh])
            if (t is not null && t.DType != projections.DType)
                throw new ArgumentException($"An LSTM sequence got mixed dtypes {projections.DType} and {t.DType}.");
        var s = new Saved(projections.Contiguous(), h0.Contiguous(), c0.Contiguous(), whh.Contiguous(), bhh?.Contiguous(), reverse, steps, rows, hidden);
        var output = Tensor.Empty([steps + 1, rows, hidden], projections.DType);
        if (output.IsFloat64) Forward<double>(s, output);
        else Forward<float>(s, output);
        Tensor[] inputs = bhh is null ? [projections, h0, c0, whh] : [projections, h0, c0, whh, bhh];
        return Graph.Record(output, "LstmSequence", inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            if (s.Xp.IsFloat64) Backward<double>(s, g.Contiguous(), grads, inputs);
            else Backward<float>(s, g.Contiguous(), grads, inputs);
            return grads;
        });
    }

    /// <summary>The inputs (contiguous) and what the forward keeps for the backward, all indexed by time t.</summary>
    private sealed class Saved(Tensor xp, Tensor h0, Tensor c0, Tensor whh, Tensor? bhh, bool reverse, int steps, int rows, int hidden)
    {
        public Tensor Xp { get; } = xp;
        public Tensor H0 { get; } = h0;
        public Tensor C0 { get; } = c0;
        public Tensor Whh { get; } = whh;
        public Tensor? Bhh { get; } = bhh;
        public bool Reverse { get; } = reverse;
        public int Steps { get; } = steps;
        public int Rows { get; } = rows;
        public int Hidden { get; } = hidden;
        public Tensor Gates { get; } = Tensor.Empty([steps, rows, 4 * hidden], xp.DType);  // activated i, f, g, o
        public Tensor HPrev { get; } = Tensor.Empty([steps, rows, hidden], xp.DType);      // h_{t−1} of the step at t
        public Tensor CPrev { get; } = Tensor.Empty([steps, rows, hidden], xp.DType);      // c_{t−1} of the step at t
        public Tensor TanhC { get; } = Tensor.Empty([steps, rows, hidden], xp.DType);      // tanh c_t

        /// <summary>The time of the s-th step processed.</summary>
        public int Time(int s) => Reverse ? Steps - 1 - s : s;
    }

    private static void Forward<T>(Saved s, Tensor output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.Rows, h = s.Hidden, g = 4 * h, size = n * h;
        ReadOnlySpan<T> xp = s.Xp.Span<T>(), whh = s.Whh.Span<T>();
        Span<T> gates = s.Gates.Span<T>(), hPrev = s.HPrev.Span<T>(), cPrev = s.CPrev.Span<T>(), tanhC = s.TanhC.Span<T>(), o = output.Span<T>();
        var hp = Tensor.Empty([n, g], s.Xp.DType);
        Span<T> z = hp.Span<T>();
        // W_hhᵀ [H, 4H] once per sequence: a row-major B that the per-step GEMM reads in place, where W_hh read
        // transposed would be packed again at every step.
        var transposed = Tensor.Empty([h, g], s.Xp.DType);
        Span<T> wt = transposed.Span<T>();
        Transpose.Run(whh, g, h, h, wt, g);
        ReadOnlySpan<T> bias = s.Bhh is null ? default : s.Bhh.Span<T>();
        s.H0.Span<T>().CopyTo(hPrev.Slice(s.Time(0) * size, size));
        s.C0.Span<T>().CopyTo(cPrev.Slice(s.Time(0) * size, size));
        for (int step = 0; step < s.Steps; step++)
        {
            int t = s.Time(step);
            bool last = step == s.Steps - 1;
            int next = last ? -1 : s.Time(step + 1);
            // z = b_hh + h_{t−1}·W_hhᵀ, rounded as Linear rounds it (bias first, then the GEMM with β = 1).
            if (bias.IsEmpty) z.Clear();
            else MatMulOps.BroadcastRows(bias, z);
            Gemm.Multiply(false, false, n, g, h, hPrev.Slice(t * size, size), h, wt, g, z, g, T.One, T.One);
            var hNext = o.Slice(t * size, size);
            var cNext = last ? o.Slice(s.Steps * size, size) : cPrev.Slice(next * size, size);
            LstmGates.Forward<T>(xp.Slice(t * n * g, n * g), z, cPrev.Slice(t * size, size), h, gates.Slice(t * n * g, n * g),
                cNext, tanhC.Slice(t * size, size), hNext);
            if (!last) hNext.CopyTo(hPrev.Slice(next * size, size));
        }
    }

    private static void Backward<T>(Saved s, Tensor upstream, Tensor?[] grads, Tensor[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.Rows, h = s.Hidden, g = 4 * h, size = n * h;
        var dz = Tensor.Empty(s.Xp.Shape, s.Xp.DType);
        var dh = Tensor.Empty([n, h], s.Xp.DType);
        var dc = Tensor.Empty([n, h], s.Xp.DType);
        var dcPrev = Tensor.Empty([n, h], s.Xp.DType);
        var dhTotal = Tensor.Empty([n, h], s.Xp.DType);
        ReadOnlySpan<T> up = upstream.Span<T>(), whh = s.Whh.Span<T>(), gates = s.Gates.Span<T>(), cPrev = s.CPrev.Span<T>(), tanhC = s.TanhC.Span<T>();
        Span<T> dZ = dz.Span<T>(), dH = dh.Span<T>(), dC = dc.Span<T>(), dCPrev = dcPrev.Span<T>(), dHTotal = dhTotal.Span<T>();
        dH.Clear();
        up.Slice(s.Steps * size, size).CopyTo(dC);
        bool needH0 = inputs[1].RequiresGrad;
        for (int step = s.Steps - 1; step >= 0; step--)
        {
            int t = s.Time(step);
            // ∂L/∂h_t: from the output at t and from the next step's recurrent projection.
            TensorPrimitives.Add(up.Slice(t * size, size), dH, dHTotal);
            var dzt = dZ.Slice(t * n * g, n * g);
            LstmGates.Backward<T>(gates.Slice(t * n * g, n * g), tanhC.Slice(t * size, size), cPrev.Slice(t * size, size),
                dHTotal, dC, h, dzt, dCPrev);
            dCPrev.CopyTo(dC);
            if (step > 0 || needH0) Gemm.Multiply(false, false, n, h, g, dzt, g, whh, h, dH, h, T.One, T.Zero);
        }
        grads[0] = inputs[0].RequiresGrad ? dz : null;
        grads[1] = needH0 ? dh : null;
        grads[2] = inputs[2].RequiresGrad ? dc : null;
        if (inputs[3].RequiresGrad)
        {
            var dw = Tensor.Empty(s.Whh.Shape, s.Xp.DType); // Σ_t dz_tᵀ·h_{t−1}: [4H, T·N]·[T·N, H]
            Gemm.Multiply(true, false, g, h, s.Steps * n, dZ, g, s.HPrev.Span<T>(), h, dw.Span<T>(), h, T.One, T.Zero);
            grads[3] = dw;
        }
        if (inputs.Length > 4 && inputs[4].RequiresGrad)
            grads[4] = ReductionOps.Sum(dz.Reshape(s.Steps * n, g), 0, keepDim: false);
    }
}
