using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>A layer type a spec's <c>model.layers</c> may name; it builds its module from the shape that reaches it.</summary>
internal abstract class LayerKind : SpecKind
{
    /// <summary>Builds the layer for inputs shaped as <paramref name="context"/> says.</summary>
    public abstract Module Build(SpecSettings settings, LayerContext context);

    /// <summary>
    /// The parameter tensors <see cref="Build"/> would allocate, as (spec field that sizes it, tensor, dimensions), so
    /// <see cref="ParameterBudget"/> can refuse a huge layer before it exists; layers whose parameters follow their input alone give none.
    /// </summary>
    public virtual IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings settings, LayerContext context) => [];
}
