using System.Buffers.Binary;
using System.Text;
using Dendrite.Data;
using TestPng = Dendrite.Tests.Cli.Report.Png;

namespace Dendrite.Tests.Data;

public class PngWriterTests
{
    [Fact]
    public void Crc32_gives_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, PngWriter.Crc32(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, PngWriter.Crc32([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Images_decode_to_their_pixels_and_every_chunk_carries_its_crc(int channels)
    {
        const int width = 5, height = 3;
        var pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 % 256);
        var file = PngWriter.Encode(pixels, width, height, channels);
        var png = TestPng.Decode(file);   // the tests' own decoder
        Assert.Equal((width, height), (png.Width, png.Height));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int at = (y * width + x) * channels;
                var expected = channels < 3 ? (pixels[at], pixels[at], pixels[at]) : (pixels[at], pixels[at + 1], pixels[at + 2]);
                Assert.Equal(expected, png[x, y]);
            }
        var types = new List<string>();
        for (int at = 8; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            types.Add(Encoding.ASCII.GetString(file, at + 4, 4));
            Assert.Equal(PngWriter.Crc32(file.AsSpan(at + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length)));
            at += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
    }

    [Fact]
    public void Wrong_sizes_say_what_was_expected()
    {
        Assert.Contains("has 12 samples but got 11", Assert.Throws<ArgumentException>(() => PngWriter.Encode(new byte[11], 2, 2, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Encode(new byte[20], 2, 2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Encode([], 0, 2, 1));
    }
}
