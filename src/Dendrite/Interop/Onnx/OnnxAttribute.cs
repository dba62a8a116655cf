using Dendrite.Serialization;
namespace Dendrite.Interop;

/// <summary>
/// One attribute of an ONNX node (AttributeProto): an int, a float or a list of ints, with its type tag
/// (FLOAT = 1, INT = 2, STRING = 3, FLOATS = 6, INTS = 7, STRINGS = 8), which IR version 3 and later require.
/// </summary>
internal readonly record struct OnnxAttribute(string Name, long? I = null, float? F = null, long[]? Ints = null, string? S = null, float[]? Floats = null, string[]? Strings = null)
{
    /// <summary>An integer attribute (<c>group</c>, <c>axis</c>, <c>transB</c>…).</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, I: value);

    /// <summary>A float attribute (<c>epsilon</c>, <c>alpha</c>…).</summary>
    public static OnnxAttribute Float(string name, double value) => new(name, F: (float)value);

    /// <summary>A list-of-ints attribute (<c>kernel_shape</c>, <c>strides</c>, <c>pads</c>…).</summary>
    public static OnnxAttribute List(string name, params long[] values) => new(name, Ints: values);

    /// <summary>A string attribute (<c>mode</c>, <c>direction</c>…).</summary>
    public static OnnxAttribute Text(string name, string value) => new(name, S: value);

    /// <summary>A list-of-strings attribute (a recurrent node's <c>activations</c>).</summary>
    public static OnnxAttribute TextList(string name, params string[] values) => new(name, Strings: values);

    /// <summary>A list-of-floats attribute.</summary>
    public static OnnxAttribute FloatList(string name, params float[] values) => new(name, Floats: values);

    /// <summary>Encodes the AttributeProto: name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, strings = 9, type = 20.</summary>
    public ProtoWriter Encode()
    {
        var proto = new ProtoWriter().String(1, Name);
        if (F is { } f) return proto.Float(2, f).Int(20, 1);
        if (I is { } i) return proto.Int(3, i).Int(20, 2);
        if (S is { } s) return proto.String(4, s).Int(20, 3);
        if (Floats is { } floats)
        {
            foreach (float v in floats) proto.Float(7, v);
            return proto.Int(20, 6);
        }
        if (Strings is { } strings)
        {
            foreach (string v in strings) proto.String(9, v);
            return proto.Int(20, 8);
        }
        return proto.PackedInts(8, Ints ?? []).Int(20, 7);
    }
}
