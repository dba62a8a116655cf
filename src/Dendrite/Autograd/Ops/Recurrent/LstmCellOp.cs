using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// The LSTM cell after its two matrix products, as one differentiable op: from the input projection xp [N, 4H], the
/// recurrent projection hp [N, 4H] (gates i, f, g, o) and the previous cell state c [N, H], the next state
/// [2, N, H] = (h', c') with c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g), h' = σ(o) ⊙ tanh(c'). One fused pass each way
/// (<see cref="LstmGates"/>); the backward hands the same ∂L/∂z to xp and hp.
/// </summary>
internal static class LstmCellOp
{
    public static Tensor Apply(Tensor xp, Tensor hp, Tensor c)
    {
        int hidden = c.Rank == 2 ? c.Shape[1] : -1;
        if (hidden <= 0 || xp.Rank != 2 || xp.Shape != hp.Shape || xp.Shape[0] != c.Shape[0] || xp.Shape[1] != 4 * hidden)
            throw new ArgumentException($"An LSTM step needs xp and hp [N, 4H] and c [N, H] but got {xp.Shape}, {hp.Shape} and {c.Shape}.");
        if (xp.DType != hp.DType || xp.DType != c.DType) throw new ArgumentException($"An LSTM step got mixed dtypes {xp.DType}, {hp.DType}, {c.DType}.");
        xp.RequireFloatingPoint("LSTM step");
        xp = xp.Contiguous();
        hp = hp.Contiguous();
        c = c.Contiguous();
        int rows = c.Shape[0];
        var gates = Tensor.Empty(xp.Shape, xp.DType);
        var tanhC = Tensor.Empty(c.Shape, c.DType);
        var state = Tensor.Empty([2, rows, hidden], c.DType);
        int half = rows * hidden;
        if (c.IsFloat64) Forward<double>(xp, hp, c, hidden, gates, tanhC, state, half);
        else Forward<float>(xp, hp, c, hidden, gates, tanhC, state, half);
        return Graph.Record(state, "LstmCell", [xp, hp, c], g =>
        {
            var dz = Tensor.Empty(gates.Shape, gates.DType);
            var dc = Tensor.Empty(c.Shape, c.DType);
            if (c.IsFloat64) Backward<double>(gates, tanhC, c, g, hidden, dz, dc, half);
            else Backward<float>(gates, tanhC, c, g, hidden, dz, dc, half);
            return [dz, dz, dc];
        });
    }

    private static void Forward<T>(Tensor xp, Tensor hp, Tensor c, int hidden, Tensor gates, Tensor tanhC, Tensor state, int half)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = state.Span<T>();
        LstmGates.Forward(xp.Span<T>(), hp.Span<T>(), c.Span<T>(), hidden, gates.Span<T>(), s[half..], tanhC.Span<T>(), s[..half]);
    }

    private static void Backward<T>(Tensor gates, Tensor tanhC, Tensor c, Tensor g, int hidden, Tensor dz, Tensor dc, int half)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> upstream = g.Span<T>();
        LstmGates.Backward<T>(gates.Span<T>(), tanhC.Span<T>(), c.Span<T>(), upstream[..half], upstream[half..], hidden, dz.Span<T>(), dc.Span<T>());
    }
}
