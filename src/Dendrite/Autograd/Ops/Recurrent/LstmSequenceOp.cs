using System.Numerics;
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
        Memory<T> xp = TensorMemory.AsMemory<T>(s.Xp), gates = TensorMemory.AsMemory<T>(s.Gates), hPrev = TensorMemory.AsMemory<T>(s.HPrev),
            cPrev = TensorMemory.AsMemory<T>(s.CPrev), tanhC = TensorMemory.AsMemory<T>(s.TanhC), o = TensorMemory.AsMemory<T>(output);
        Memory<T> z = TensorMemory.AsMemory<T>(Tensor.Empty([n, g], s.Xp.DType));
        // W_hhᵀ [H, 4H] once per sequence: a row-major B that the per-step GEMM reads in place, where W_hh read
        // transposed would be packed again at every step.
        var transposed = Tensor.Empty([h, g], s.Xp.DType);
        Transpose.Run(s.Whh.Span<T>(), g, h, h, transposed.Span<T>(), g);
        Memory<T> wt = TensorMemory.AsMemory<T>(transposed), bias = TensorMemory.AsMemory<T>(s.Bhh);
        s.H0.Span<T>().CopyTo(hPrev.Span.Slice(s.Time(0) * size, size));
        s.C0.Span<T>().CopyTo(cPrev.Span.Slice(s.Time(0) * size, size));
        // One job for the whole sweep: every batch block runs all the steps (rows never mix across the batch).
        LstmSweep.Forward<T>(s.Steps, n, h, s.Reverse, wt, bias, xp, hPrev, cPrev, z, gates, tanhC, o);
    }

    private static void Backward<T>(Saved s, Tensor upstream, Tensor?[] grads, Tensor[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.Rows, h = s.Hidden, g = 4 * h, size = n * h;
        var dz = Tensor.Empty(s.Xp.Shape, s.Xp.DType);
        var dh = Tensor.Empty([n, h], s.Xp.DType);
        var dc = Tensor.Empty([n, h], s.Xp.DType);
        var dcPrev = Tensor.Empty([n, h], s.Xp.DType);
        var dhTotal = Tensor.Empty([n, h], s.Xp.DType);
        Memory<T> up = TensorMemory.AsMemory<T>(upstream), whh = TensorMemory.AsMemory<T>(s.Whh), gates = TensorMemory.AsMemory<T>(s.Gates),
            cPrev = TensorMemory.AsMemory<T>(s.CPrev), tanhC = TensorMemory.AsMemory<T>(s.TanhC), dZ = TensorMemory.AsMemory<T>(dz);
        Memory<T> dH = TensorMemory.AsMemory<T>(dh), dHTotal = TensorMemory.AsMemory<T>(dhTotal);
        dH.Span.Clear();
        up.Span.Slice(s.Steps * size, size).CopyTo(dc.Span<T>());
        bool needH0 = inputs[1].RequiresGrad;
        LstmSweep.Backward<T>(s.Steps, n, h, s.Reverse, needH0, whh, gates, tanhC, cPrev, up, dH, dHTotal, TensorMemory.AsMemory<T>(dc),
            TensorMemory.AsMemory<T>(dcPrev), dZ);
        if (s.Steps % 2 == 1) dc = dcPrev; // ∂L/∂c₀ ends in the other buffer after an odd number of swaps
        grads[0] = inputs[0].RequiresGrad ? dz : null;
        grads[1] = needH0 ? dh : null;
        grads[2] = inputs[2].RequiresGrad ? dc : null;
        if (inputs[3].RequiresGrad)
        {
            var dw = Tensor.Empty(s.Whh.Shape, s.Xp.DType); // Σ_t dz_tᵀ·h_{t−1}: [4H, T·N]·[T·N, H]
            Gemm.Multiply(true, false, g, h, s.Steps * n, dZ.Span, g, s.HPrev.Span<T>(), h, dw.Span<T>(), h, T.One, T.Zero);
            grads[3] = dw;
        }
        if (inputs.Length > 4 && inputs[4].RequiresGrad)
            grads[4] = ReductionOps.Sum(dz.Reshape(s.Steps * n, g), 0, keepDim: false);
    }
}
