namespace Dendrite.NN;

/// <summary>
/// The Elman RNN of the course's week 1: h⟨t⟩ = tanh(W_ih·x⟨t⟩ + b_ih + W_hh·h⟨t−1⟩ + b_hh) (or ReLU), PyTorch's
/// <c>nn.RNN</c> with its parameter names. <b>Shape:</b> [T, N, I] → [T, N, D·H].
/// </summary>
/// <remarks>The course's W_aa, W_ax and b_a are W_hh, W_ih and b_ih + b_hh; its output layer ŷ = softmax(W_ya·a + b_y) is a separate <see cref="Dense"/>.</remarks>
public sealed class Rnn : RecurrentLayer
{
    /// <summary>Creates the layers.</summary>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H (the course's n_a).</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="nonlinearity">"tanh" (default) or "relu".</param>
    /// <param name="bias">Whether to learn b_ih and b_hh.</param>
    /// <param name="batchFirst">Inputs and outputs as [N, T, ·].</param>
    /// <param name="dropout">Dropout on every layer's outputs but the last's, in training.</param>
    /// <param name="bidirectional">Add layers that read the sequence backwards.</param>
    /// <param name="random">Seeded generator for the weights (default: <see cref="Init.DefaultRandom"/>).</param>
    /// <param name="dtype">Parameter dtype.</param>
    public Rnn(int inputSize, int hiddenSize, int numLayers = 1, string nonlinearity = "tanh", bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 1, numLayers, bias, batchFirst, dropout, bidirectional, random, dtype)
    {
        Relu = nonlinearity switch
        {
            "tanh" => false,
            "relu" => true,
            _ => throw new ArgumentException($"Rnn's nonlinearity is tanh or relu, not {nonlinearity}.", nameof(nonlinearity)),
        };
    }

    /// <summary>Whether the cell uses ReLU rather than tanh.</summary>
    public bool Relu { get; }

    /// <inheritdoc/>
    protected override (Tensor H, Tensor? C) Step(Tensor inputProjection, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh) =>
        (RecurrentCells.Rnn(inputProjection, h, weightHh, biasHh, Relu), null);
}
