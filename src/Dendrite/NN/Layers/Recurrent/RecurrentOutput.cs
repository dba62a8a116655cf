namespace Dendrite.NN;

/// <summary>What a recurrent layer returns: every time step's output and the final states.</summary>
/// <param name="Output">h⟨t⟩ of the last layer at every step: [T, N, D·H] ([N, T, D·H] when batch-first); zero past a sequence's length.</param>
/// <param name="Hidden">The final hidden state of every layer and direction, [L·D, N, H], taken at each sequence's length.</param>
/// <param name="Cell">The LSTM's final cell state [L·D, N, H]; null for RNN and GRU.</param>
public sealed record RecurrentOutput(Tensor Output, Tensor Hidden, Tensor? Cell);
