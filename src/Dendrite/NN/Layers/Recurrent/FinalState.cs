namespace Dendrite.NN;

/// <summary>
/// A recurrent layer's final hidden state of its last layer, both directions concatenated (Keras's
/// <c>return_sequences = False</c>, a many-to-one read-out). <b>Shape:</b> [N, T, F] (or [T, N, F]) → [N, D·H].
/// </summary>
public sealed class FinalState : Module
{
    /// <summary>Wraps <paramref name="layer"/> (registered as <c>rnn</c>).</summary>
    public FinalState(RecurrentLayer layer) => Layer = RegisterModule("rnn", layer ?? throw new ArgumentNullException(nameof(layer)));

    /// <summary>The wrapped recurrent layer.</summary>
    public RecurrentLayer Layer { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var hidden = Layer.Run(input).Hidden; // [L·D, N, H]
        int directions = Layer.Bidirectional ? 2 : 1, last = hidden.Shape[0] - directions;
        return directions == 1 ? hidden[last] : Tensor.Concat([hidden[last], hidden[last + 1]], axis: 1);
    }

    /// <inheritdoc/>
    public override string Describe() => $"FinalState({Layer.Describe()})";
}
