namespace Dendrite.Serialization;

/// <summary>One tensor's line in a safetensors header: its stored dtype, shape and byte range in the data buffer.</summary>
internal readonly record struct SafeTensorsEntry(string Name, SafeTensorsDType Stored, Shape Shape, long Begin, long End)
{
    /// <summary>The Dendrite dtype the tensor is read as.</summary>
    public DType DType => Stored.DType;

    /// <summary>The entry as the file states it, for error messages: <c>'fc.weight' (F32 [2, 3], data_offsets [0, 24])</c>.</summary>
    public override string ToString() => $"'{Name}' ({Stored.Code} {Shape}, data_offsets [{Begin}, {End}])";
}
