using Dendrite.NN;

namespace Dendrite.Vision;

/// <summary>
/// The activations of named sub-modules of any model, taken in one forward pass: Keras's
/// <c>Model(inputs, [layer.output …])</c> or torchvision's <c>create_feature_extractor</c>, built on forward hooks.
/// </summary>
/// <remarks>
/// Names are the dotted module paths of <see cref="Module.GetModule"/> (<c>features.20</c> in <see cref="Models.Vgg"/>,
/// <c>1</c> in a <see cref="Sequential"/>); each module's output is its <see cref="Module.Call"/> result, so it stays in
/// the autograd graph and a cost built from it back-propagates to the input. Hooks live only during
/// <see cref="Extract"/>, so the model is left as it was. The whole model runs: pass its convolutional part
/// (<c>vgg.Features</c>) to skip the classifier.
/// <para><b>Shape:</b> the model's input → one tensor per layer name, in the order given.</para>
/// </remarks>
public sealed class FeatureExtractor
{
    private readonly Module[] _modules;

    /// <summary>Creates an extractor of the outputs of <paramref name="layerNames"/> in <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">No names, a repeated name, or a name that is no sub-module of the model.</exception>
    public FeatureExtractor(Module model, params string[] layerNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layerNames);
        if (layerNames.Length == 0) throw new ArgumentException("FeatureExtractor needs at least one layer name.", nameof(layerNames));
        if (layerNames.Distinct().Count() != layerNames.Length)
            throw new ArgumentException($"FeatureExtractor got a layer name twice: {string.Join(", ", layerNames)}.", nameof(layerNames));
        if (layerNames.Any(string.IsNullOrEmpty))
            throw new ArgumentException("FeatureExtractor layer names must name sub-modules; the model's own output is its Forward.", nameof(layerNames));
        Model = model;
        LayerNames = layerNames;
        _modules = [.. layerNames.Select(model.GetModule)];
    }

    /// <summary>The model whose sub-modules are read.</summary>
    public Module Model { get; }

    /// <summary>The dotted names of the sub-modules whose outputs <see cref="Extract"/> returns, in order.</summary>
    public IReadOnlyList<string> LayerNames { get; }

    /// <summary>Runs the model once on <paramref name="input"/> and returns each named sub-module's output, in <see cref="LayerNames"/> order.</summary>
    /// <exception cref="InvalidOperationException">A named sub-module did not run during the forward pass.</exception>
    public Tensor[] Extract(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputs = new Tensor?[_modules.Length];
        var handles = new List<IDisposable>(_modules.Length);
        try
        {
            for (int i = 0; i < _modules.Length; i++)
            {
                int slot = i;
                handles.Add(_modules[i].RegisterForwardHook((_, _, output) => outputs[slot] = output));
            }
            Model.Forward(input);
        }
        finally
        {
            foreach (var handle in handles) handle.Dispose();
        }
        for (int i = 0; i < outputs.Length; i++)
            if (outputs[i] is null)
                throw new InvalidOperationException($"FeatureExtractor: layer '{LayerNames[i]}' ({_modules[i].Describe()}) did not run in " +
                                                    $"{Model.Describe()}'s forward pass on {input.Shape}.");
        return outputs!;
    }
}
