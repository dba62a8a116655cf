namespace Dendrite.NN;

/// <summary>
/// Long short-term memory in PyTorch's formulation (<c>nn.LSTM</c>, gates i, f, g, o stacked in that order):
/// c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g), h' = σ(o) ⊙ tanh(c'). <b>Shape:</b> [T, N, I] → [T, N, D·H]; final h and c [L·D, N, H].
/// </summary>
/// <remarks>The course's update, forget and output gates Γ_u, Γ_f, Γ_o are σ(i), σ(f), σ(o), and its candidate c̃ is tanh(g).</remarks>
public sealed class Lstm : RecurrentLayer
{
    /// <summary>Creates the layers (see <see cref="Rnn"/> for the parameters).</summary>
    public Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 4, numLayers, bias, batchFirst, dropout, bidirectional, random, dtype)
    {
    }

    /// <inheritdoc/>
    protected override bool HasCellState => true;

    /// <inheritdoc/>
    protected override (Tensor H, Tensor? C) Step(Tensor inputProjection, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh)
    {
        var (hNext, cNext) = RecurrentCells.Lstm(inputProjection, h, c!, weightHh, biasHh);
        return (hNext, cNext);
    }

    /// <inheritdoc/>
    private protected override Tensor? Sweep(Tensor projections, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh, bool reverse) =>
        RecurrentCells.LstmSequence(projections, h, c!, weightHh, biasHh, reverse);
}
