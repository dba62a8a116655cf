using System.Buffers.Binary;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>
/// The PNG reader against files from an independent encoder (Fixtures/make_png_fixtures.py: every colour type and bit
/// depth, palettes with tRNS, Adam7, split IDAT, each filter), write → read round trips, and precise errors.
/// </summary>
public class PngReaderTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, Tensor>> Expected = new(() => Npz.Read(Fixture.Path("png_expected.npz")));

    /// <summary>The fixture names (png/&lt;name&gt;.png), sorted.</summary>
    internal static string[] FixtureNames() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "png"), "*.png")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Names() => new(FixtureNames());

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_fixture_decodes_to_the_samples_its_encoder_wrote(string name)
    {
        var want = Expected.Value[name];
        int max = Expected.Value[name + "_max"].ToArray<int>()[0];
        int channels = want.Shape[0], height = want.Shape[1], width = want.Shape[2];
        var image = Png.ReadImage(Fixture.Path($"png/{name}.png"));
        Assert.Equal((width, height, channels, max), (image.Width, image.Height, image.Channels, image.MaxValue));
        var samples = want.ToArray<int>();
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    Assert.True(samples[(c * height + y) * width + x] == image[y, x, c], $"{name}: sample (c {c}, y {y}, x {x})");
        var tensor = Png.Read(Fixture.Path($"png/{name}.png"));
        Assert.Equal(want.Shape, tensor.Shape);
        Assert.Equal(samples.Select(v => (float)v / max), tensor.ToArray<float>());
    }

    [Fact]
    public void The_fixtures_cover_every_format_the_reader_claims()
    {
        var names = FixtureNames().ToHashSet();
        string[] required = ["grey1", "grey2", "grey4", "grey8", "grey16", "rgb8", "rgb16", "palette1", "palette2", "palette4",
            "palette8", "palette4_trns", "grey_alpha8", "grey_alpha16", "rgba8", "rgba16", "interlaced_rgb8", "multi_idat_rgb8",
            "filter0_rgba8", "filter1_rgba8", "filter2_rgba8", "filter3_rgba8", "filter4_rgba8"];
        Assert.Empty(required.Except(names));
        Assert.Equal(4, Expected.Value["palette4_trns"].Shape[0]);   // tRNS turns a palette into RGBA
        Assert.Equal(3, Expected.Value["palette4"].Shape[0]);
    }

    [Theory]
    [InlineData(1, 7, 5)]
    [InlineData(2, 1, 1)]
    [InlineData(3, 33, 17)]
    [InlineData(4, 4, 9)]
    public void Written_tensors_read_back_rounded_to_8_bits(int channels, int height, int width)
    {
        using var fx = new Fixture();
        var random = new Random(channels);
        var image = Tensor.Uniform([channels, height, width], -0.1, 1.1, random);   // out of range values are clamped
        string path = fx.Scratch("x.png");
        Png.Write(path, image);
        var back = Png.Read(path).ToArray<float>();
        var want = image.ToArray<float>().Select(v => (float)(Math.Round(255 * Math.Clamp((double)v, 0, 1)) / 255)).ToArray();
        Assert.Equal(want, back);
        Assert.Equal([channels, height, width], Png.Read(path).Shape.ToArray());
        Assert.Single(Directory.GetFiles(fx.Folder));   // the atomic write left no temporary file
    }

    [Fact]
    public void Sixteen_bit_images_round_trip_exactly()
    {
        var random = new Random(3);
        var words = new ushort[5 * 6 * 4];
        for (int i = 0; i < words.Length; i++) words[i] = (ushort)random.Next(65536);
        var back = Png.DecodeImage(Png.Encode(new Image(6, 5, 4, words)), "sixteen.png");
        Assert.Equal((6, 5, 4, 16), (back.Width, back.Height, back.Channels, back.BitDepth));
        Assert.Equal(words, back.Words.ToArray());
    }

    private static string Fails(byte[] file, string name = "x.png")
    {
        var e = Assert.Throws<InvalidDataException>(() => Png.DecodeImage(file, name));
        Assert.StartsWith(name + ": ", e.Message);
        return e.Message;
    }

    private static byte[] Valid() => File.ReadAllBytes(Fixture.Path("png/rgb8.png"));

    [Fact]
    public void A_bad_header_is_named()
    {
        Assert.Equal("x.png: IHDR says width 0.", Fails(PngChunkEditor.Edit(Valid(), "IHDR", d => { d[0] = d[1] = d[2] = d[3] = 0; return d; })));
        Assert.Contains("IHDR says bit depth 4, which colour type 2 does not allow", Fails(PngChunkEditor.Edit(Valid(), "IHDR", d => { d[8] = 4; return d; })));
        Assert.Contains("colour type 5", Fails(PngChunkEditor.Edit(Valid(), "IHDR", d => { d[9] = 5; return d; })));
        Assert.Contains("interlace method 2", Fails(PngChunkEditor.Edit(Valid(), "IHDR", d => { d[12] = 2; return d; })));
        var huge = PngChunkEditor.Edit(Valid(), "IHDR", d => { BinaryPrimitives.WriteInt32BigEndian(d, 1 << 20); BinaryPrimitives.WriteInt32BigEndian(d.AsSpan(4), 1 << 20); return d; });
        Assert.Contains("more than the 268435456 pixels", Fails(huge));
        Assert.Contains("not a PNG file", Fails(Valid()[1..]));
    }

    [Fact]
    public void A_damaged_chunk_is_named()
    {
        var bad = Valid();
        bad[20] ^= 1;   // inside IHDR's data
        Assert.Equal("x.png: CRC mismatch in chunk IHDR.", Fails(bad));
        var valid = Valid();
        int idat = valid.AsSpan().IndexOf("IDAT"u8) - 4;
        Assert.Contains("truncated IDAT", Fails(valid[..(idat + 30)]));
        var withUnknown = PngChunkEditor.Split(valid);
        withUnknown.Insert(1, ("ABCD", [1]));
        Assert.Contains("unknown critical chunk ABCD", Fails(PngChunkEditor.Join(withUnknown)));
        var withAncillary = PngChunkEditor.Split(valid);
        withAncillary.Insert(1, ("abCD", [1]));
        Assert.Equal(Png.Decode(valid).ToArray<float>(), Png.Decode(PngChunkEditor.Join(withAncillary)).ToArray<float>());
        Assert.Contains("no IEND", Fails(PngChunkEditor.Join(PngChunkEditor.Split(valid).SkipLast(1))));
    }

    [Fact]
    public void Image_data_of_the_wrong_size_or_content_is_named()
    {
        var valid = Valid();
        var chunks = PngChunkEditor.Split(valid);
        var header = chunks.First(c => c.Type == "IHDR").Data;
        byte[] WithImageData(byte[] raw)
        {
            using var z = new MemoryStream();
            using (var zlib = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Fastest)) zlib.Write(raw);
            return PngChunkEditor.Join(chunks.Where(c => c.Type != "IDAT").Take(1).Append(("IDAT", z.ToArray())).Append(("IEND", [])));
        }
        int rowBytes = 1 + 13 * 3, rows = 9;
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.NotNull(Png.DecodeImage(WithImageData(new byte[rows * rowBytes]), "x.png"));
        Assert.Contains("truncated IDAT (the image data ends after 359 of 360 bytes)", Fails(WithImageData(new byte[rows * rowBytes - 1])));
        Assert.Contains("holds more than the 360 bytes", Fails(WithImageData(new byte[rows * rowBytes + 1])));
        var badFilter = new byte[rows * rowBytes];
        badFilter[2 * rowBytes] = 5;
        Assert.Contains("row 2 has filter type 5", Fails(WithImageData(badFilter)));
        Assert.Contains("corrupt IDAT zlib stream", Fails(PngChunkEditor.Edit(valid, "IDAT", d => { d[0] = 0x12; return d; })));
    }

    [Fact]
    public void A_palette_index_past_the_palette_is_named()
    {
        var file = File.ReadAllBytes(Fixture.Path("png/palette8_short.png"));   // 5 colours, indices 0…4
        var shorter = PngChunkEditor.Edit(file, "PLTE", d => d[..6]);
        Assert.Contains("past the 2 colours of PLTE", Fails(shorter));
        Assert.Contains("without a PLTE chunk", Fails(PngChunkEditor.Join(PngChunkEditor.Split(file).Where(c => c.Type != "PLTE"))));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("absent.png");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => Png.Read(path)).Message);
    }
}
