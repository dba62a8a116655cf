namespace Dendrite.Serialization;

/// <summary>One tensor's line in a safetensors header: its dtype, shape and byte range in the data buffer.</summary>
internal readonly record struct SafeTensorsEntry(string Name, DType DType, Shape Shape, long Begin, long End)
{
    /// <summary>The safetensors dtype code of <paramref name="dtype"/>.</summary>
    public static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        _ => "I32",
    };

    /// <summary>The dtype for a safetensors code, or null when Dendrite has no such dtype.</summary>
    public static DType? Parse(string code) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I32" => DType.Int32,
        _ => null,
    };

    /// <summary>The entry as the file states it, for error messages: <c>'fc.weight' (F32 [2, 3], data_offsets [0, 24])</c>.</summary>
    public override string ToString() => $"'{Name}' ({Code(DType)} {Shape}, data_offsets [{Begin}, {End}])";
}
