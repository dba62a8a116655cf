using System.Runtime.InteropServices;
using Dendrite.Serialization;

namespace Dendrite.Interop;

/// <summary>
/// Builds one ONNX GraphProto as the exporters emit it: nodes in topological order (field 1), initializers with their
/// data as raw little-endian bytes (field 5), then the graph's inputs (11) and outputs (12) with a symbolic batch axis.
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = 1, Int32Type = 6, Int64Type = 7;
    private readonly ProtoWriter _graph = new();
    private readonly HashSet<string> _names = [];
    private readonly HashSet<string> _initializers = [];

    /// <summary>The symbolic name of every input's and output's first axis, so one file runs any batch size.</summary>
    public const string BatchAxis = "N";

    /// <summary><paramref name="name"/>, or <c>name_1</c>, <c>name_2</c>… when that value name is taken.</summary>
    public string Unique(string name)
    {
        if (string.IsNullOrEmpty(name)) name = "value";
        string candidate = name;
        for (int i = 1; !_names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }

    /// <summary>
    /// Appends a node computing <paramref name="op"/> from <paramref name="inputs"/> (an empty name marks an omitted
    /// optional input) and returns the name of its one output, which is also the node's name.
    /// </summary>
    public string Node(string op, string name, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        Node(op, name, inputs, 1, attributes)[0];

    /// <summary>
    /// Appends a node with <paramref name="outputs"/> outputs (an LSTM's Y, Y_h, Y_c) and returns their names: the
    /// first is the node's name, the others that name with <c>_1</c>, <c>_2</c>… suffixes.
    /// </summary>
    public string[] Node(string op, string name, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        string first = Unique(name);
        var names = new string[outputs];
        names[0] = first;
        for (int i = 1; i < outputs; i++) names[i] = Unique($"{first}_{i}");
        var node = new ProtoWriter();
        foreach (var input in inputs) node.String(1, input);
        foreach (var output in names) node.String(2, output);
        node.String(3, first).String(4, op);
        foreach (var attribute in attributes) node.Message(5, attribute.Encode());
        _graph.Message(1, node);
        return names;
    }

    /// <summary>Stores a float32 tensor (a parameter or buffer) as an initializer named <paramref name="name"/>.</summary>
    public string Initializer(string name, Tensor tensor)
    {
        if (!_initializers.Add(name)) return name;
        _names.Add(name);
        var data = tensor.ToArray<float>();
        var proto = new ProtoWriter().PackedInts(1, [.. tensor.Shape.ToArray().Select(d => (long)d)]).Int(2, FloatType).String(8, name);
        proto.Bytes(9, LittleEndian(MemoryMarshal.AsBytes(data.AsSpan())));
        _graph.Message(5, proto);
        return name;
    }

    /// <summary>Stores a float32 scalar (Clip's bounds, an epsilon) as an initializer.</summary>
    public string Scalar(string name, double value) => Initializer(Unique(name), Tensor.Scalar((float)value));

    /// <summary>Stores a one-dimensional int64 constant (Reshape's shape, Pad's pads) as an initializer.</summary>
    public string Int64s(string name, params long[] values)
    {
        name = Unique(name);
        var proto = new ProtoWriter().PackedInts(1, [values.Length]).Int(2, Int64Type).String(8, name);
        proto.Bytes(9, LittleEndian(MemoryMarshal.AsBytes(values.AsSpan())));
        _graph.Message(5, proto);
        return name;
    }

    /// <summary>Encodes the finished graph with one input and one output, each with a symbolic batch axis (float32, or int32 token indices).</summary>
    public ProtoWriter Finish(string graphName, OnnxValue input, OnnxValue output)
    {
        _graph.String(2, graphName);
        _graph.Message(11, ValueInfo(input)).Message(12, ValueInfo(output));
        return _graph;
    }

    /// <summary>ValueInfoProto (name = 1, type = 2) → TypeProto.tensor_type (1) → elem_type (1), shape (2) → dims (1).</summary>
    private static ProtoWriter ValueInfo(OnnxValue value)
    {
        var shape = new ProtoWriter();
        var dims = value.Sample.Shape.ToArray();
        for (int d = 0; d < dims.Length; d++)
            shape.Message(1, d == 0 ? new ProtoWriter().String(2, BatchAxis) : new ProtoWriter().Int(1, dims[d]));
        var tensorType = new ProtoWriter().Int(1, value.Sample.DType == DType.Int32 ? Int32Type : FloatType).Message(2, shape);
        return new ProtoWriter().String(1, value.Name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static ReadOnlySpan<byte> LittleEndian(ReadOnlySpan<byte> bytes) =>
        BitConverter.IsLittleEndian ? bytes : throw new PlatformNotSupportedException("ONNX export writes raw data on little-endian machines only.");
}
