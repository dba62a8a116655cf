using System.Buffers.Binary;
using System.Text;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>Splits PNG bytes into chunks and joins them back with fresh CRCs, to build precisely broken files.</summary>
internal static class PngChunkEditor
{
    /// <summary>The chunks of a well-formed file, in order.</summary>
    public static List<(string Type, byte[] Data)> Split(byte[] file)
    {
        var chunks = new List<(string, byte[])>();
        for (int at = 8; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            chunks.Add((Encoding.ASCII.GetString(file, at + 4, 4), file.AsSpan(at + 8, length).ToArray()));
            at += 12 + length;
        }
        return chunks;
    }

    /// <summary>The signature followed by the chunks, each with its correct CRC.</summary>
    public static byte[] Join(IEnumerable<(string Type, byte[] Data)> chunks)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in chunks)
        {
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            var word = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
            png.Write(word);
            png.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(word, PngWriter.Crc32(typed));
            png.Write(word);
        }
        return png.ToArray();
    }

    /// <summary>The file with the chunks of <paramref name="type"/> passed through <paramref name="edit"/>.</summary>
    public static byte[] Edit(byte[] file, string type, Func<byte[], byte[]> edit) =>
        Join(Split(file).Select(c => c.Type == type ? (c.Type, edit(c.Data.ToArray())) : c));
}
