namespace Dendrite.Autograd;

/// <summary>One recorded operation: its inputs and the closure that maps ∂L/∂output to ∂L/∂inputs.</summary>
/// <param name="name">The op's name, shown in errors.</param>
/// <param name="inputs">The tensors the op read.</param>
/// <param name="backward">Given ∂L/∂output (contiguous, the output's shape), returns ∂L/∂input for each
/// input in order; an entry may be null when that input needs no gradient.</param>
/// <param name="scatter">For a slice of its one input: adds ∂L/∂output into a full-size ∂L/∂input buffer; null otherwise.</param>
internal sealed class Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Action<Tensor, Tensor>? scatter = null)
{
    /// <summary>
    /// For a view of one input (a slice): adds the output's gradient into a full-size gradient buffer of the input, so
    /// T slices of one tensor accumulate into one buffer instead of allocating T full-size gradients.
    /// </summary>
    public Action<Tensor, Tensor>? Scatter { get; private set; } = scatter;

    public string Name { get; } = name;

    public Tensor[] Inputs { get; private set; } = inputs;

    private Func<Tensor, Tensor?[]>? _backward = backward;

    public Tensor?[] Backward(Tensor gradient) =>
        (_backward ?? throw new InvalidOperationException(
            $"The graph through {Name} was already released by an earlier Backward(); run the forward pass again."))(gradient);

    /// <summary>Drops the saved tensors and inputs so the graph can be garbage-collected.</summary>
    public void Release()
    {
        _backward = null;
        Scatter = null;
        Inputs = [];
    }

    public bool IsReleased => _backward is null;
}
