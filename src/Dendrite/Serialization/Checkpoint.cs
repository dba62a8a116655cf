using Dendrite.NN;

namespace Dendrite.Serialization;

/// <summary>Saves a module's parameters and buffers to a safetensors file and loads them back, by dotted name.</summary>
/// <remarks>Names match PyTorch's <c>state_dict</c>, so a file holds the same keys as one saved with <c>safetensors.torch.save_model</c>.</remarks>
public static class Checkpoint
{
    /// <summary>Writes the module's <see cref="StateDictExtensions.StateDict"/> and optional metadata to <paramref name="path"/>, atomically.</summary>
    public static void Save(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Write(path, module.StateDict(), metadata);
    }

    /// <summary>Loads the tensors in <paramref name="path"/> into the module (see <see cref="StateDictExtensions.LoadStateDict"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    /// <exception cref="ArgumentException">Strict and the file does not match the model; the model is left untouched.</exception>
    public static LoadReport Load(Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        return StateDictExtensions.Load(module, SafeTensors.Read(path).Tensors, strict, path);
    }
}
