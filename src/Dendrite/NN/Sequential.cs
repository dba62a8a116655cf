namespace Dendrite.NN;

/// <summary>Applies its layers in order: y = layerₙ(…layer₁(x)). Children are named 0, 1, 2, …</summary>
/// <remarks>Under <see cref="InferenceFusion.Apply"/>, a <see cref="Conv2d"/> followed by an evaluation-mode
/// <see cref="BatchNorm2d"/> runs as one folded convolution, runs of <see cref="Dense"/> layers as one GEMM chain, and a
/// <see cref="Relu"/> after a <see cref="Conv2d"/> or <see cref="Dense"/> in place (<see cref="FusionGroups"/>).</remarks>
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
        foreach (var layer in _layers) x = layer.Call(x);
        return x;
    }

    /// <summary>
    /// Adjacent children that fuse: Conv2d → BatchNorm2d (→ Relu); two or more Dense layers, each optionally followed
    /// by a Relu; Conv2d or Dense → Relu.
    /// </summary>
    protected internal override IEnumerable<Module[]> FusionGroups()
    {
        for (int i = 0; i < _layers.Length;)
        {
            int length = GroupAt(i);
            if (length > 1) yield return _layers[i..(i + length)];
            i += Math.Max(1, length);
        }
    }

    private int GroupAt(int i)
    {
        Module? next = i + 1 < _layers.Length ? _layers[i + 1] : null, after = i + 2 < _layers.Length ? _layers[i + 2] : null;
        if (_layers[i] is Conv2d && next is BatchNorm2d) return after is Relu ? 3 : 2;
        if (_layers[i] is Dense)
        {
            int end = i, dense = 0;
            while (end < _layers.Length && _layers[end] is Dense)
            {
                dense++;
                end += end + 1 < _layers.Length && _layers[end + 1] is Relu ? 2 : 1;
            }
            if (dense >= 2) return end - i;
        }
        return _layers[i] is Conv2d or Dense && next is Relu ? 2 : 1;
    }
}
