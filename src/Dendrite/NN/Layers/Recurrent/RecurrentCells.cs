using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// One time step of the three recurrent cells, written with autograd ops in PyTorch's formulation. Each step takes the
/// input projection xp = x·W_ihᵀ + b_ih (computed for all steps in one GEMM by the layer) and the previous state.
/// </summary>
internal static class RecurrentCells
{
    /// <summary>Elman RNN: h' = act(xp + h·W_hhᵀ + b_hh), act = tanh or ReLU.</summary>
    public static Tensor Rnn(Tensor xp, Tensor h, Tensor whh, Tensor? bhh, bool relu)
    {
        var z = xp + h.Linear(whh, bhh);
        return relu ? z.Relu() : z.Tanh();
    }

    /// <summary>
    /// GRU, gates in the order r, z, n: r = σ(xp_r + hp_r), z = σ(xp_z + hp_z), n = tanh(xp_n + r ⊙ hp_n) with
    /// hp = h·W_hhᵀ + b_hh, and h' = n + z ⊙ (h − n) = (1 − z) ⊙ n + z ⊙ h.
    /// </summary>
    public static Tensor Gru(Tensor xp, Tensor h, Tensor whh, Tensor? bhh, int hidden)
    {
        var hp = h.Linear(whh, bhh);
        var r = (xp.Narrow(1, 0, hidden) + hp.Narrow(1, 0, hidden)).Sigmoid();
        var z = (xp.Narrow(1, hidden, hidden) + hp.Narrow(1, hidden, hidden)).Sigmoid();
        var n = (xp.Narrow(1, 2 * hidden, hidden) + r * hp.Narrow(1, 2 * hidden, hidden)).Tanh();
        return n + z * (h - n);
    }

    /// <summary>
    /// LSTM, gates in the order i, f, g, o of gates = xp + h·W_hhᵀ + b_hh: c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g),
    /// h' = σ(o) ⊙ tanh(c'); everything after the matrix product runs as one fused op each way.
    /// </summary>
    public static (Tensor H, Tensor C) Lstm(Tensor xp, Tensor h, Tensor c, Tensor whh, Tensor? bhh)
    {
        var state = LstmCellOp.Apply(xp, h.Linear(whh, bhh), c);
        return (state[0], state[1]);
    }

    /// <summary>
    /// A whole LSTM sequence without lengths (one layer, one direction): [T + 1, N, H], h_t in time order, then the
    /// final c. The same steps as <see cref="Lstm"/>, but the backward computes ∂L/∂W_hh and ∂L/∂b_hh once for all steps.
    /// </summary>
    public static Tensor LstmSequence(Tensor projections, Tensor h0, Tensor c0, Tensor whh, Tensor? bhh, bool reverse) =>
        LstmSequenceOp.Apply(projections, h0, c0, whh, bhh, reverse);
}
