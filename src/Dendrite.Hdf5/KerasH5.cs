using Dendrite.Data;
using PureHDF;

namespace Dendrite.Serialization;

/// <summary>One Keras layer as its <c>.h5</c> file stores it: the layer's name and its weights in Keras's order and layouts.</summary>
internal sealed record KerasLayer(string Name, IReadOnlyList<(string Name, Tensor Value)> Weights);

/// <summary>
/// Reads the layout Keras 2's <c>model.save_weights("….h5")</c> writes: root attribute <c>layer_names</c>, a group per
/// layer with attribute <c>weight_names</c> (<c>dense/kernel:0</c>, …), each weight a dataset at
/// <c>layer/weight_name</c>. A full <c>model.save("….h5")</c> file holds the same under <c>model_weights</c>.
/// </summary>
/// <remarks>Attributes over HDF5's 64 KB limit are split by Keras into <c>name0</c>, <c>name1</c>, …; they are joined
/// back in order, as Keras's <c>load_attributes_from_hdf5_group</c> does.</remarks>
internal static class KerasH5
{
    /// <summary>The layers of the file at <paramref name="path"/>, in the model's order (weightless layers included).</summary>
    /// <exception cref="InvalidDataException">The file is not HDF5 or lacks the save_weights layout.</exception>
    public static List<KerasLayer> Read(string path)
    {
        using var file = Hdf5.Open(path);
        IH5Group root = file;
        if (file.LinkExists("model_weights") && file.Get("model_weights") is IH5Group weights) root = weights;
        var layers = new List<KerasLayer>();
        foreach (var layerName in Strings(root, "layer_names", path))
        {
            if (!root.LinkExists(layerName) || root.Get(layerName) is not IH5Group group)
                throw new InvalidDataException($"{path}: layer_names lists '{layerName}' but the file has no group of that name.");
            var values = new List<(string, Tensor)>();
            foreach (var weightName in Strings(group, "weight_names", path))
                values.Add((weightName, Hdf5.ToTensor(Hdf5.Dataset(group, weightName, path), $"{path}: weight '{layerName}/{weightName}'")));
            layers.Add(new KerasLayer(layerName, values));
        }
        return layers;
    }

    /// <summary>A string-array attribute, joined from <c>name0</c>, <c>name1</c>, … when Keras split it.</summary>
    private static List<string> Strings(IH5Object owner, string name, string path)
    {
        if (owner.AttributeExists(name)) return Read(owner.Attribute(name));
        var parts = new List<string>();
        int chunk = 0;
        for (; owner.AttributeExists(name + chunk); chunk++) parts.AddRange(Read(owner.Attribute(name + chunk)));
        if (chunk == 0)
            throw new InvalidDataException($"{path}: '{owner.Name}' has no attribute '{name}' (nor '{name}0', …): not a Keras save_weights file " +
                                           "(model.save_weights(\"….h5\") writes layer_names at the root and weight_names in each layer's group).");
        return parts;
    }

    private static List<string> Read(IH5Attribute attribute) =>
        attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) == 0 ? [] : [.. attribute.Read<string[]>()];
}
