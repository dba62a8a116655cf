namespace Dendrite.NN;

/// <summary>
/// The gated recurrent unit in PyTorch's formulation (<c>nn.GRU</c>, gates r, z, n stacked in that order):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz), n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
/// h' = (1 − z) ⊙ n + z ⊙ h. <b>Shape:</b> [T, N, I] → [T, N, D·H].
/// </summary>
/// <remarks>
/// The course (after Cho et al. 2014) writes the candidate as c̃ = tanh(W_c[Γ_r ⊙ c⟨t−1⟩, x⟨t⟩] + b_c), resetting the
/// state <i>before</i> the recurrent product, and the update as c = Γ_u ⊙ c̃ + (1 − Γ_u) ⊙ c⟨t−1⟩. PyTorch (and cuDNN,
/// ONNX's <c>linear_before_reset = 1</c>) applies the reset <i>after</i> the product, r ⊙ (W_hn h + b_hn), and its z
/// weighs the old state: z here is 1 − Γ_u there. Both are GRUs; the weights do not transfer one to one.
/// </remarks>
public sealed class Gru : RecurrentLayer
{
    /// <summary>Creates the layers (see <see cref="Rnn"/> for the parameters).</summary>
    public Gru(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        bool bidirectional = false, Random? random = null, DType dtype = DType.Float32)
        : base(inputSize, hiddenSize, 3, numLayers, bias, batchFirst, dropout, bidirectional, random, dtype)
    {
    }

    /// <inheritdoc/>
    protected override (Tensor H, Tensor? C) Step(Tensor inputProjection, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh) =>
        (RecurrentCells.Gru(inputProjection, h, weightHh, biasHh, HiddenSize), null);
}
