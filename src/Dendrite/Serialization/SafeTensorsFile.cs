namespace Dendrite.Serialization;

/// <summary>What a safetensors file holds: named tensors in the header's order, and string metadata.</summary>
/// <param name="Tensors">The tensors by name, in the order the header lists them; each owns its memory.</param>
/// <param name="Metadata">The header's <c>__metadata__</c> map (empty when the file has none).</param>
public sealed record SafeTensorsFile(OrderedDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
