using System.Buffers.Binary;
using System.IO.Compression;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>
/// Seeded mutations of the valid fixtures: every outcome must be a decoded image or an
/// <see cref="InvalidDataException"/> whose message starts with the source's name; any other exception fails.
/// </summary>
/// <remarks>
/// Raw mutations (bit flips, byte overwrites, truncation, a chunk length overwritten) mostly stop at a CRC; the
/// CRC-repaired ones (IHDR fields, chunk data, inserted, dropped, duplicated or swapped chunks, filtered bytes changed under a valid zlib stream) reach the header
/// checks, the palette, zlib and the filters.
/// </remarks>
public class PngFuzzTests
{
    private const int Mutations = 10000;

    [Fact]
    public void Mutated_files_decode_or_fail_with_an_invalid_data_error_naming_the_source()
    {
        var seeds = PngReaderTests.FixtureNames().Select(n => File.ReadAllBytes(Fixture.Path($"png/{n}.png"))).ToArray();
        var random = new Random(20240613);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < Mutations; i++)
        {
            int kind = random.Next(10);
            var file = Mutate(seeds[random.Next(seeds.Length)], kind, random);
            string source = $"fuzz{i}.png";
            string outcome;
            try
            {
                var image = Png.DecodeImage(file, source);
                Assert.Equal(image.Width * image.Height * image.Channels, image.BitDepth == 8 ? image.Bytes.Length : image.Words.Length);
                outcome = "decoded";
            }
            catch (InvalidDataException e)
            {
                Assert.True(e.Message.StartsWith(source + ": ", StringComparison.Ordinal), $"mutation {i} (kind {kind}): the message does not name the source: {e.Message}");
                outcome = Problem(e.Message[(source.Length + 2)..]);
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} (kind {kind}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                throw;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        // the mutations reach every stage of the decoder, and some still decode
        Assert.True(outcomes.GetValueOrDefault("decoded") > 0);
        foreach (string stage in new[] { "CRC mismatch", "IHDR says", "truncated", "corrupt IDAT zlib stream", "filter type", "palette index" })
            Assert.True(outcomes.Keys.Any(k => k.StartsWith(stage, StringComparison.Ordinal)), $"no mutation reached '{stage}': {string.Join(", ", outcomes.Keys)}");
    }

    /// <summary>The problem's first words, to group outcomes.</summary>
    private static string Problem(string message)
    {
        foreach (string stage in new[] { "CRC mismatch", "IHDR says", "truncated", "corrupt IDAT zlib stream", "palette index" })
            if (message.StartsWith(stage, StringComparison.Ordinal)) return stage;
        if (message.Contains("filter type", StringComparison.Ordinal)) return "filter type";
        return string.Join(' ', message.Split(' ').Take(3));
    }

    private static byte[] Mutate(byte[] seed, int kind, Random random)
    {
        var file = seed.ToArray();
        var chunks = PngChunkEditor.Split(seed);
        switch (kind)
        {
            case 0:   // bit flips anywhere
                for (int k = 1 + random.Next(4); k > 0; k--) file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
                return file;
            case 1:   // byte overwrites anywhere
                for (int k = 1 + random.Next(4); k > 0; k--) file[random.Next(file.Length)] = (byte)random.Next(256);
                return file;
            case 2:   // truncation
                return file[..random.Next(file.Length)];
            case 3:   // a chunk's length field overwritten
            {
                int at = ChunkStart(seed, random.Next(chunks.Count));
                uint value = random.Next(3) switch { 0 => (uint)random.Next(64), 1 => 0xFFFFFFFFu - (uint)random.Next(16), _ => (uint)random.Next() };
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), value);
                return file;
            }
            case 4:   // an IHDR field changed, CRC repaired
                return PngChunkEditor.Edit(seed, "IHDR", d =>
                {
                    int field = random.Next(d.Length);
                    d[field] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(d[field] + random.Next(-2, 3));
                    return d;
                });
            case 5:   // bytes of one chunk's data changed, CRC repaired
            {
                int which = random.Next(chunks.Count);
                var data = chunks[which].Data;
                if (data.Length > 0)
                    for (int k = 1 + random.Next(3); k > 0; k--) data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                return PngChunkEditor.Join(chunks);
            }
            case 6:   // a chunk inserted
            {
                string[] types = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "gAMA", "QQQQ", "qqqq"];
                var data = new byte[random.Next(3) == 0 ? 13 : random.Next(40)];
                random.NextBytes(data);
                chunks.Insert(1 + random.Next(chunks.Count), (types[random.Next(types.Length)], data));
                return PngChunkEditor.Join(chunks);
            }
            case 7:   // a chunk dropped or duplicated
            {
                int which = random.Next(chunks.Count);
                if (random.Next(2) == 0) chunks.RemoveAt(which);
                else chunks.Insert(which, chunks[which]);
                return PngChunkEditor.Join(chunks);
            }
            case 8:   // the filtered image data changed under a valid zlib stream
            {
                var raw = Inflate(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray());
                for (int k = 1 + random.Next(3); k > 0; k--) raw[random.Next(raw.Length)] = (byte)random.Next(256);
                var others = chunks.Where(c => c.Type != "IDAT" && c.Type != "IEND").ToList();
                return PngChunkEditor.Join(others.Append(("IDAT", Deflate(raw))).Append(("IEND", Array.Empty<byte>())));
            }
            default:  // two chunks swapped
            {
                int a = random.Next(chunks.Count), b = random.Next(chunks.Count);
                (chunks[a], chunks[b]) = (chunks[b], chunks[a]);
                return PngChunkEditor.Join(chunks);
            }
        }
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest)) zlib.Write(raw);
        return compressed.ToArray();
    }

    private static int ChunkStart(byte[] file, int index)
    {
        int at = 8;
        for (int k = 0; k < index; k++) at += 12 + BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
        return at;
    }
}
