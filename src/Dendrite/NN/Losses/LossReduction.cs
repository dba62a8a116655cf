namespace Dendrite.NN;

/// <summary>How a loss made of per-example terms reduces them to one scalar (PyTorch's <c>reduction</c>).</summary>
public enum LossReduction
{
    /// <summary>The mean over the examples (PyTorch's default).</summary>
    Mean,

    /// <summary>The sum over the examples (the course's triplet cost J = Σᵢ ℓᵢ).</summary>
    Sum,
}
