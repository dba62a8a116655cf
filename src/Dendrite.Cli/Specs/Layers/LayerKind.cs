using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>A layer type a spec's <c>model.layers</c> may name; it builds its module from the shape that reaches it.</summary>
internal abstract class LayerKind : SpecKind
{
    /// <summary>Builds the layer for inputs shaped as <paramref name="context"/> says.</summary>
    public abstract Module Build(SpecSettings settings, LayerContext context);
}
