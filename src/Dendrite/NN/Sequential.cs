namespace Dendrite.NN;

/// <summary>Applies its layers in order: y = layerₙ(…layer₁(x)). Children are named 0, 1, 2, …</summary>
/// <remarks>Without a graph, a <see cref="Conv2d"/> followed by an evaluation-mode <see cref="BatchNorm2d"/> runs as one
/// folded convolution, and a <see cref="Relu"/> after it (or after a <see cref="Conv2d"/> or <see cref="Dense"/>) in
/// place (<see cref="InferenceFusion"/>).</remarks>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Chains <paramref name="layers"/>.</summary>
    public Sequential(params Module[] layers)
    {
        _layers = [.. layers];
        for (int i = 0; i < layers.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Length;

    /// <summary>The layer at <paramref name="index"/>; setting it replaces the layer under the same name (see <see cref="Module.ReplaceModule"/>).</summary>
    public Module this[int index]
    {
        get => _layers[index];
        set
        {
            if ((uint)index >= (uint)_layers.Length)
                throw new ArgumentOutOfRangeException(nameof(index), $"Sequential has {_layers.Length} layers; there is no layer {index}.");
            ReplaceModule(index.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }

    /// <inheritdoc/>
    protected override void OnModuleReplaced(string name, Module module) =>
        _layers[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = module;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        int depth = ModelSummary.Enter();
        try
        {
            for (int i = 0; i < _layers.Length; i++)
            {
                int fused = InferenceFusion.Run(_layers, i, ref x); // never while a summary is built, so no row is lost
                if (fused > 0)
                {
                    i += fused - 1;
                    continue;
                }
                x = _layers[i].Forward(x);
                ModelSummary.Record(depth, i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i], x);
            }
        }
        finally
        {
            ModelSummary.Exit();
        }
        return x;
    }
}
