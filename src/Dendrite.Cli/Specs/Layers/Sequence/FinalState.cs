using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>A recurrent layer's final hidden state of its last layer, both directions concatenated: [N, T, F] → [N, D·H].</summary>
internal sealed class FinalState : Module
{
    private readonly RecurrentLayer _layer;

    /// <summary>Wraps <paramref name="layer"/> (registered as <c>rnn</c>).</summary>
    public FinalState(RecurrentLayer layer) => _layer = RegisterModule("rnn", layer);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var hidden = _layer.Run(input).Hidden; // [L·D, N, H]
        int directions = _layer.Bidirectional ? 2 : 1, last = hidden.Shape[0] - directions;
        return directions == 1 ? hidden[last] : Tensor.Concat([hidden[last], hidden[last + 1]], axis: 1);
    }

    /// <inheritdoc/>
    public override string Describe() => $"FinalState({_layer.Describe()})";
}
