namespace Dendrite.Interop;

/// <summary>
/// A value of the graph being exported: its ONNX name and the tensor Dendrite computes for it from the sample input,
/// which gives the static sizes (all but the batch axis) that some exporters need, such as adaptive pooling's windows.
/// </summary>
internal readonly record struct OnnxValue(string Name, Tensor Sample);
