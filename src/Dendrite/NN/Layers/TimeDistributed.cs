namespace Dendrite.NN;

/// <summary>
/// Applies a layer to every time step (Keras's <c>TimeDistributed</c>): [A, B, F] → [A, B, F'], the layer seeing
/// [A·B, F] in one call, e.g. a <see cref="Dense"/> read-out on every output of a recurrent layer.
/// </summary>
public sealed class TimeDistributed : Module
{
    private readonly Module _layer;

    /// <summary>Wraps <paramref name="layer"/>, registered as <c>layer</c>.</summary>
    public TimeDistributed(Module layer) => _layer = RegisterModule("layer", layer ?? throw new ArgumentNullException(nameof(layer)));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 3) throw new ArgumentException($"{Describe()} expects [A, B, F] (time and batch, either order) but got {input.Shape}.");
        var y = _layer.Call(input.Reshape(input.Shape[0] * input.Shape[1], input.Shape[2]));
        return y.Reshape([input.Shape[0], input.Shape[1], .. y.Shape.ToArray()[1..]]);
    }

    /// <inheritdoc/>
    public override string Describe() => $"TimeDistributed({_layer.Describe()})";
}
