namespace Dendrite.NN;

/// <summary>One step of <see cref="Lstm"/> (PyTorch's <c>nn.LSTMCell</c>; the course's <c>lstm_cell_forward</c>). <b>Shape:</b> x [N, I], h and c [N, H] → h', c' [N, H].</summary>
public sealed class LstmCell : RecurrentCell
{
    /// <summary>Creates the cell.</summary>
    public LstmCell(int inputSize, int hiddenSize, bool bias = true, Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 4, bias, random, dtype)
    {
    }

    /// <summary>The next (h, c) from x [N, I] and the previous h, c [N, H] (zeros when null).</summary>
    public (Tensor H, Tensor C) Step(Tensor x, Tensor? h = null, Tensor? c = null) =>
        RecurrentCells.Lstm(Project(x), State(h, x, "h"), State(c, x, "c"), WeightHh, BiasHh);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Step(input).H;
}
