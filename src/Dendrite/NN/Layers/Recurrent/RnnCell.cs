namespace Dendrite.NN;

/// <summary>h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or ReLU): the course's <c>rnn_cell_forward</c>. <b>Shape:</b> x [N, I], h [N, H] → [N, H].</summary>
public sealed class RnnCell : RecurrentCell
{
    /// <summary>Creates the cell.</summary>
    public RnnCell(int inputSize, int hiddenSize, bool bias = true, string nonlinearity = "tanh", Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 1, bias, random, dtype) =>
        Relu = nonlinearity switch
        {
            "tanh" => false,
            "relu" => true,
            _ => throw new ArgumentException($"RnnCell's nonlinearity is tanh or relu, not {nonlinearity}.", nameof(nonlinearity)),
        };

    /// <summary>Whether the cell uses ReLU rather than tanh.</summary>
    public bool Relu { get; }

    /// <summary>The next hidden state from x [N, I] and h [N, H] (zeros when null).</summary>
    public Tensor Step(Tensor x, Tensor? h = null) => RecurrentCells.Rnn(Project(x), State(h, x, "h"), WeightHh, BiasHh, Relu);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Step(input);
}
