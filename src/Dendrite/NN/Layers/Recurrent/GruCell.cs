namespace Dendrite.NN;

/// <summary>One step of <see cref="Gru"/> (PyTorch's <c>nn.GRUCell</c>). <b>Shape:</b> x [N, I], h [N, H] → [N, H].</summary>
public sealed class GruCell : RecurrentCell
{
    /// <summary>Creates the cell.</summary>
    public GruCell(int inputSize, int hiddenSize, bool bias = true, Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 3, bias, random, dtype)
    {
    }

    /// <summary>The next hidden state from x [N, I] and h [N, H] (zeros when null).</summary>
    public Tensor Step(Tensor x, Tensor? h = null) => RecurrentCells.Gru(Project(x), State(h, x, "h"), WeightHh, BiasHh, HiddenSize);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Step(input);
}
