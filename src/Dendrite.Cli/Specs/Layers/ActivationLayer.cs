using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>A parameter-free layer with no settings (relu, sigmoid, tanh, softmax, flatten, …), written as its name alone.</summary>
/// <param name="name">The spec's name.</param>
/// <param name="builds">The module, for docs.</param>
/// <param name="create">Creates the module.</param>
internal sealed class ActivationLayer(string name, string builds, Func<Module> create) : LayerKind
{
    public override string Name => name;

    public override string Builds => builds;

    public override Module Build(SpecSettings settings, LayerContext context) => create();
}
