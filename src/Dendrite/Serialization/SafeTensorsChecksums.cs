using System.Globalization;
using System.Text;

namespace Dendrite.Serialization;

/// <summary>
/// The CRC-32C checksums a Dendrite-written safetensors file carries in its <c>__metadata__</c> (strings, as the format
/// requires): <c>dendrite.crc32c.tensor.NAME</c> = the CRC of tensor NAME's stored bytes, and
/// <c>dendrite.crc32c.header</c> = the CRC of the whole JSON header (padding included) with this value's 8 digits read
/// as <c>00000000</c>. Values are 8 lower-case hex digits.
/// </summary>
/// <remarks>
/// <para>Together they cover every byte of the file: a flipped data byte fails its tensor's check, a flipped header byte
/// the header's (or the JSON parse, or the layout checks before it). The 8-byte length prefix needs none: any other
/// length makes the header unparseable or the tensors miss the end of the file.</para>
/// <para>A file without any of these keys (written by PyTorch, safetensors or another tool) is read unchecked. A file with
/// one must have the header checksum, and each tensor checksum must name a tensor in the file. Readers other than
/// Dendrite see ordinary string metadata under a <c>dendrite.</c> prefix, which no PyTorch or Hugging Face convention uses
/// (those read <c>format</c>).</para>
/// </remarks>
internal static class SafeTensorsChecksums
{
    /// <summary>The metadata key of the header's checksum.</summary>
    public const string HeaderKey = "dendrite.crc32c.header";

    /// <summary>The metadata key prefix of each tensor's checksum; the tensor's name follows.</summary>
    public const string TensorPrefix = "dendrite.crc32c.tensor.";

    private const string Placeholder = "00000000";

    /// <summary>Whether <paramref name="key"/> is reserved for checksums (and so cannot be a caller's metadata key).</summary>
    public static bool IsReserved(string key) => key.StartsWith("dendrite.crc32c.", StringComparison.Ordinal);

    /// <summary>The caller's metadata plus the tensors' checksums and a placeholder for the header's, which <see cref="Seal"/> fills in.</summary>
    public static Dictionary<string, string> Add(IReadOnlyDictionary<string, string>? metadata, IEnumerable<(string Name, uint Crc)> tensors)
    {
        var all = new Dictionary<string, string> { [HeaderKey] = Placeholder }; // first, so Seal finds it first
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (IsReserved(key)) throw new ArgumentException($"Metadata key '{key}' is reserved for Dendrite's checksums.", nameof(metadata));
            all.Add(key, value);
        }
        foreach (var (name, crc) in tensors) all.Add(TensorPrefix + name, Hex(crc));
        return all;
    }

    /// <summary>Writes the header's CRC over the placeholder that <see cref="Add"/> put in the encoded <paramref name="header"/>.</summary>
    public static void Seal(byte[] header)
    {
        var pattern = Encoding.UTF8.GetBytes($"\"{HeaderKey}\":\"{Placeholder}\"");
        int at = header.AsSpan().IndexOf(pattern) + pattern.Length - Placeholder.Length - 1;
        Encoding.ASCII.GetBytes(Hex(Crc32C.Compute(header))).CopyTo(header, at);
    }

    /// <summary>
    /// Checks the header checksum and the form of the tensor checksums, removes every checksum key from
    /// <paramref name="metadata"/>, and returns the expected CRC of each tensor that has one.
    /// </summary>
    /// <param name="header">The header's bytes as read.</param>
    /// <param name="headerValueAt">Where the header checksum's value starts in <paramref name="header"/>, after its quote (−1 when the key is absent).</param>
    /// <param name="entries">The tensors the header lists.</param>
    /// <param name="metadata">The parsed metadata; checksum keys are removed.</param>
    /// <param name="source">Names the file in errors.</param>
    public static Dictionary<string, uint> Verify(ReadOnlySpan<byte> header, int headerValueAt, List<SafeTensorsEntry> entries,
        Dictionary<string, string> metadata, string source)
    {
        var expected = new Dictionary<string, uint>();
        string? headerValue = metadata.GetValueOrDefault(HeaderKey);
        var names = entries.Select(e => e.Name).ToHashSet();
        foreach (var key in metadata.Keys.Where(IsReserved).ToList())
        {
            string value = metadata[key];
            metadata.Remove(key);
            if (key == HeaderKey) continue;
            if (!key.StartsWith(TensorPrefix, StringComparison.Ordinal))
                throw SafeTensorsHeader.Bad(source, $"metadata '{key}' is not a checksum key Dendrite knows ('{HeaderKey}' or '{TensorPrefix}NAME')");
            string name = key[TensorPrefix.Length..];
            if (!names.Contains(name)) throw SafeTensorsHeader.Bad(source, $"metadata '{key}' holds the checksum of a tensor '{name}' that the file does not have");
            expected[name] = Parse(value, key, source);
        }
        if (headerValue is null)
            return expected.Count == 0 ? expected
                : throw SafeTensorsHeader.Bad(source, $"it has tensor checksums but no '{HeaderKey}' (the header is damaged)");
        uint stored = Parse(headerValue, HeaderKey, source);
        if (headerValueAt < 0 || headerValueAt + Placeholder.Length > header.Length
            || !header.Slice(headerValueAt, Placeholder.Length).SequenceEqual(Encoding.ASCII.GetBytes(headerValue)))
            throw SafeTensorsHeader.Bad(source, $"metadata '{HeaderKey}' is written with JSON escapes, not as 8 plain hex digits");
        var copy = header.ToArray();
        Encoding.ASCII.GetBytes(Placeholder).CopyTo(copy, headerValueAt);
        uint actual = Crc32C.Compute(copy);
        if (actual != stored)
            throw SafeTensorsHeader.Bad(source, $"the header fails its CRC-32C check (stored {Hex(stored)}, computed {Hex(actual)}): the file is corrupt");
        return expected;
    }

    /// <summary>Throws when tensor <paramref name="name"/>'s stored bytes do not have the CRC its checksum promises.</summary>
    public static void Check(Dictionary<string, uint> expected, string name, ReadOnlySpan<byte> stored, string source)
    {
        if (!expected.TryGetValue(name, out uint crc)) return;
        uint actual = Crc32C.Compute(stored);
        if (actual != crc)
            throw SafeTensorsHeader.Bad(source, $"tensor '{name}' fails its CRC-32C check (stored {Hex(crc)}, computed {Hex(actual)}): its data is corrupt");
    }

    private static string Hex(uint crc) => crc.ToString("x8", CultureInfo.InvariantCulture);

    private static uint Parse(string value, string key, string source) =>
        value.Length == 8 && value.All(IsHex)
            && uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint crc) ? crc
            : throw SafeTensorsHeader.Bad(source, $"metadata '{key}' is '{value}', not a CRC-32C of 8 lower-case hex digits");

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
