using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dendrite.Serialization;

/// <summary>
/// The JSON header of a safetensors file: <c>{"name": {"dtype", "shape", "data_offsets"}, …, "__metadata__": {…}}</c>,
/// written with <see cref="Utf8JsonWriter"/> and read with <see cref="Utf8JsonReader"/> (no reflection, so trim and AOT safe).
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The key of the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted, as in the reference implementation (100 MB).</summary>
    public const int MaxLength = 100_000_000;

    /// <summary>The header as UTF-8, padded with spaces to a multiple of 8 bytes so the data buffer starts aligned.</summary>
    public static byte[] Encode(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            foreach (var e in entries)
            {
                json.WriteStartObject(e.Name);
                json.WriteString("dtype", e.Stored.Code);
                json.WriteStartArray("shape");
                foreach (int d in e.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(e.Begin);
                json.WriteNumberValue(e.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var bytes = new byte[padded];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return bytes;
    }

    /// <summary>
    /// Parses the header's entries (in file order) and metadata, and finds where the value of
    /// <see cref="SafeTensorsChecksums.HeaderKey"/> starts (−1 when absent); any malformation throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata, int ChecksumAt) Parse(ReadOnlySpan<byte> header, string source)
    {
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>();
        int checksumAt = -1;
        var seen = new HashSet<string>();
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Bad(source, "the header is not a JSON object");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                if (!seen.Add(name)) throw Bad(source, $"the header lists '{name}' twice");
                reader.Read();
                if (name == MetadataKey) checksumAt = ParseMetadata(ref reader, metadata, source);
                else entries.Add(ParseEntry(ref reader, name, source));
            }
            if (reader.Read()) throw Bad(source, "the header has content after its closing '}'");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{source}: the safetensors header is not valid JSON ({e.Message})", e);
        }
        return (entries, metadata, checksumAt);
    }

    /// <summary>
    /// Checks what the reference implementation checks: each byte range matches its dtype and shape, and the ranges,
    /// sorted, tile the data buffer of <paramref name="dataLength"/> bytes exactly (no overlap, no gap, nothing past the end).
    /// </summary>
    public static void Validate(List<SafeTensorsEntry> entries, long dataLength, string source)
    {
        foreach (var e in entries)
        {
            long expected = ByteCount(e);
            if (e.End - e.Begin != expected)
                throw Bad(source, $"tensor {e} should span {expected} bytes ({e.Shape.Count} × {e.Stored.Size}) but its data_offsets span {e.End - e.Begin}");
            if (e.End > dataLength)
                throw Bad(source, $"tensor {e} lies past the end of the data buffer, which holds {dataLength} bytes (file truncated or offsets out of range)");
        }
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long cursor = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            if (e.Begin < cursor) throw Bad(source, $"tensor {e} overlaps tensor {sorted[i - 1]}");
            if (e.Begin > cursor) throw Bad(source, $"bytes [{cursor}, {e.Begin}) of the data buffer belong to no tensor (a gap before {e})");
            cursor = e.End;
        }
        if (cursor != dataLength)
            throw Bad(source, $"the tensors cover {cursor} bytes but the data buffer holds {dataLength} ({dataLength - cursor} unexplained bytes at the end)");
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static InvalidDataException Bad(string source, string problem) => new($"{source}: invalid safetensors file: {problem}.");

    private static long ByteCount(SafeTensorsEntry e)
    {
        long count = 1;
        foreach (int d in e.Shape) count *= d; // each d ≤ int.MaxValue and the product was bounded when the shape was read
        return count * e.Stored.Size;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the header ends early");
        return reader.TokenType;
    }

    /// <summary>Reads the metadata map; returns where the header checksum's value starts (after its quote), or −1.</summary>
    private static int ParseMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad(source, $"'{MetadataKey}' is not an object");
        int checksumAt = -1;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
                throw Bad(source, $"metadata '{key}' is a {reader.TokenType}, but metadata values must be strings");
            if (!metadata.TryAdd(key, reader.GetString()!)) throw Bad(source, $"metadata '{key}' appears twice");
            if (key == SafeTensorsChecksums.HeaderKey) checksumAt = checked((int)reader.TokenStartIndex + 1);
        }
        return checksumAt;
    }

    private static SafeTensorsEntry ParseEntry(ref Utf8JsonReader reader, string name, string source)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad(source, $"tensor '{name}' is described by a {reader.TokenType}, not an object");
        string? code = null;
        int[]? shape = null;
        long[]? offsets = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            Next(ref reader);
            switch (key)
            {
                case "dtype" when code is null:
                    if (reader.TokenType != JsonTokenType.String) throw Bad(source, $"tensor '{name}' has a dtype that is not a string");
                    code = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadShape(ref reader, name, source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadOffsets(ref reader, name, source);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Bad(source, $"tensor '{name}' has '{key}' twice");
                default:
                    throw Bad(source, $"tensor '{name}' has an unexpected key '{key}'");
            }
        }
        if (code is null || shape is null || offsets is null)
            throw Bad(source, $"tensor '{name}' lacks '{(code is null ? "dtype" : shape is null ? "shape" : "data_offsets")}'");
        var dtype = SafeTensorsDType.Parse(code)
            ?? throw Bad(source, $"tensor '{name}' has dtype '{code}', which Dendrite does not read ({SafeTensorsDType.KnownCodes} are supported)");
        return new SafeTensorsEntry(name, dtype, new Shape(shape), offsets[0], offsets[1]);
    }

    private static int[] ReadShape(ref Utf8JsonReader reader, string name, string source)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad(source, $"tensor '{name}' has a shape that is not an array");
        var dims = new List<int>();
        long count = 1;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long d) || d < 0 || d > int.MaxValue)
                throw Bad(source, $"tensor '{name}' has a shape entry that is not an integer in [0, {int.MaxValue}]");
            dims.Add((int)d);
            count = Math.Min(count * d, (long)Array.MaxLength + 1); // saturates, never overflows
        }
        if (count > Array.MaxLength)
            throw Bad(source, $"tensor '{name}' has shape [{string.Join(", ", dims)}], more elements than a tensor can hold");
        return [.. dims];
    }

    private static long[] ReadOffsets(ref Utf8JsonReader reader, string name, string source)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad(source, $"tensor '{name}' has data_offsets that are not an array");
        var offsets = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long o) || o < 0)
                throw Bad(source, $"tensor '{name}' has a data offset that is not a non-negative integer");
            offsets.Add(o);
        }
        if (offsets.Count != 2) throw Bad(source, $"tensor '{name}' has {offsets.Count} data_offsets instead of [begin, end]");
        if (offsets[0] > offsets[1]) throw Bad(source, $"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}] that end before they begin");
        return [.. offsets];
    }
}
