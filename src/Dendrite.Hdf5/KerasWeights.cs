using Dendrite.NN;

namespace Dendrite.Serialization;

/// <summary>
/// Loads the weights a Keras 2 model saved with <c>model.save_weights("….h5")</c> (or <c>model.save("….h5")</c>) into a
/// Dendrite model of the same architecture, layer by layer in order, converting Keras's channels-last layouts.
/// </summary>
/// <remarks>
/// <para>The i-th Keras layer that has weights fills the i-th Dendrite layer that has parameters or persistent buffers
/// (in registration order, as <see cref="Module.NamedParameters"/> lists them); weightless layers (activations,
/// Flatten, pooling, dropout) on either side are skipped. Layouts are converted by <see cref="KerasLayout"/>:
/// Dense kernel (in, out) → (out, in), Conv2D kernel HWIO → OIHW, BatchNormalization gamma/beta/moving statistics →
/// weight/bias/running statistics (mind Keras's default ε = 1e-3 against Dendrite's 1e-5); batch norm's
/// <c>num_batches_tracked</c>, which Keras does not keep, keeps its value.</para>
/// <para>The result goes through the same all-or-nothing load as <see cref="Checkpoint.Load"/>: strict by default, a
/// <see cref="LoadReport"/> naming what was loaded, missing, unexpected (as <c>layer/weight:0</c>) or mismatched.</para>
/// </remarks>
public static class KerasWeights
{
    /// <summary>Loads the Keras <c>.h5</c> weights at <paramref name="path"/> into <paramref name="module"/>.</summary>
    /// <param name="module">A Dendrite model with the Keras model's layers in the same order.</param>
    /// <param name="path">The <c>.h5</c> file.</param>
    /// <param name="strict">When true, any missing, unexpected or differently shaped tensor fails the whole load.</param>
    /// <param name="flattenedFrom">For each Dense layer that follows a Flatten of a feature map, its Dendrite name
    /// (e.g. <c>"4"</c>) and the (C, H, W) shape that was flattened, so the kernel's rows are reordered from Keras's
    /// (H, W, C) flattening to Dendrite's (C, H, W).</param>
    /// <returns>What was loaded and what was skipped.</returns>
    /// <exception cref="InvalidDataException">The file is not a Keras weights file.</exception>
    /// <exception cref="ArgumentException">Strict and the weights do not fit the model; the model is left untouched.</exception>
    public static LoadReport Load(Module module, string path, bool strict = true, IReadOnlyDictionary<string, Shape>? flattenedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var layers = KerasH5.Read(path).Where(l => l.Weights.Count > 0).ToList();
        var targets = new List<(string Prefix, Module Module)>();
        Collect(module, "", targets);
        var state = new Dictionary<string, Tensor>();
        for (int i = 0; i < layers.Count; i++)
        {
            if (i >= targets.Count)
            {
                foreach (var (weightName, value) in layers[i].Weights) state[$"{layers[i].Name}/{weightName}"] = value;
                continue;
            }
            var (prefix, target) = targets[i];
            var own = OwnNames(target);
            Shape? flat = flattenedFrom is not null && flattenedFrom.TryGetValue(prefix.TrimEnd('.'), out var s) ? s : null;
            foreach (var (name, value) in KerasLayout.Convert(target, layers[i], own, flat))
                state[own.Contains(name) ? prefix + name : $"{layers[i].Name}/{name}"] = value;
            if (target is BatchNorm norm) state.TryAdd(prefix + "num_batches_tracked", norm.BatchesTracked.Clone()); // Keras keeps no counter
        }
        return StateDictExtensions.Load(module, state, strict, path);
    }

    /// <summary>The modules that own parameters or persistent buffers themselves, with their dotted prefixes, in order.</summary>
    private static void Collect(Module module, string prefix, List<(string, Module)> targets)
    {
        if (OwnNames(module).Count > 0) targets.Add((prefix, module));
        foreach (var (name, child) in module.Children) Collect(child, prefix + name + ".", targets);
    }

    private static List<string> OwnNames(Module module) =>
        [.. module.NamedParameters().Select(p => p.Name).Concat(module.NamedBuffers(includeNonPersistent: false).Select(b => b.Name))
            .Where(n => !n.Contains('.'))];
}
