using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Serialization;

namespace Dendrite.Interop;

/// <summary>
/// Writes a model as an ONNX file (IR version 8, opset 17) that ONNX Runtime and other engines run without Dendrite:
/// the layers become ONNX nodes, the parameters and running statistics initializers named as in the module tree
/// (<c>layer1.0.conv1.weight</c>), and the input and output have a symbolic batch axis <c>N</c>.
/// </summary>
/// <remarks>
/// The graph is traced in evaluation mode: dropout and stochastic depth vanish, batch normalization uses its running
/// statistics. Sizes other than the batch (spatial sizes, sequence lengths) are those of the sample input. The
/// exporters are a type switch over the library's layers and zoo models (AOT-safe, no reflection); a module it does
/// not know fails with <see cref="NotSupportedException"/> naming the module and its path.
/// </remarks>
public static class Onnx
{
    /// <summary>The ONNX IR version written (8: ONNX 1.10 and later).</summary>
    public const int IrVersion = 8;

    /// <summary>The default-domain operator set the nodes are written against.</summary>
    public const int Opset = 17;

    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/>, writing the file atomically.</summary>
    /// <param name="model">A float32 model; its train/eval mode is restored afterwards.</param>
    /// <param name="sampleInput">A float32 input of the shape the model takes, [N, …], or int32 token indices for a model
    /// starting with an embedding (the graph's input is then int32); its values do not matter.</param>
    /// <param name="path">The .onnx file to create or replace.</param>
    /// <exception cref="NotSupportedException">The model contains a layer the exporter does not know.</exception>
    public static void Export(Module model, Tensor sampleInput, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ToBytes(model, sampleInput);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The serialized ModelProto of <paramref name="model"/> traced with <paramref name="sampleInput"/>.</summary>
    /// <exception cref="NotSupportedException">The model contains a layer the exporter does not know.</exception>
    public static byte[] ToBytes(Module model, Tensor sampleInput)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleInput);
        if (sampleInput.DType == DType.Float64 || sampleInput.Rank < 1)
            throw new ArgumentException($"ONNX export needs a float32 (or int32 token) sample input [N, …] but got {sampleInput.DType} {sampleInput.Shape}.", nameof(sampleInput));
        if (model.Parameters().FirstOrDefault(p => p.DType != DType.Float32) is { } other)
            throw new ArgumentException($"ONNX export writes float32 models but {model.Describe()} holds {other.DType} parameters; convert it with model.To(DType.Float32).", nameof(model));
        bool training = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            var graph = new OnnxGraph();
            var input = new OnnxValue(graph.Unique("input"), sampleInput);
            var traced = new OnnxExporter(graph, model).Emit(model, "", input);
            var output = new OnnxValue(graph.Node("Identity", "output", [traced.Name]), traced.Sample);
            var encoded = graph.Finish(model.GetType().Name, input, output);
            var opset = new ProtoWriter().String(1, "").Int(2, Opset);
            var proto = new ProtoWriter().Int(1, IrVersion).String(2, "Dendrite")
                .String(3, typeof(Onnx).Assembly.GetName().Version?.ToString() ?? "").Message(7, encoded).Message(8, opset);
            return proto.Written.ToArray();
        }
        finally
        {
            model.Train(training);
        }
    }
}
