using System.Text.RegularExpressions;
using Dendrite.Serialization;

namespace Dendrite.Tests.Serialization.TensorBoard;

public sealed class EventWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dendrite-events-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string WriteSample(double[] values)
    {
        using var writer = new EventWriter(_folder);
        writer.WriteScalar("epoch/loss", 0.125, step: 1);
        writer.WriteScalar("epoch/loss", -3.5e-3, step: 2);
        writer.WriteHistogram("weights/w", values, step: 2, buckets: 4);
        writer.WriteScalar("big/step", 1, step: 5_000_000_000L); // a step past 2³² takes a five-byte varint
        return writer.Path;
    }

    [Fact]
    public void Events_read_back_with_both_CRCs_and_the_protobuf_fields_decoded()
    {
        double before = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        string path = WriteSample([0.0, 1.0, 2.0, 3.0, 4.0, 7.5, 8.0]);
        Assert.Matches(new Regex(@"^events\.out\.tfevents\.\d{10}\." + Regex.Escape(Environment.MachineName) + "$"), Path.GetFileName(path));
        var events = EventFileReader.Read(path);
        Assert.Equal(5, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Values);
        Assert.All(events, e => Assert.InRange(e.WallTime, before, before + 120));
        Assert.Equal([0L, 1, 2, 2, 5_000_000_000L], events.Select(e => e.Step));
        Assert.Equal(("epoch/loss", 0.125f), (events[1].Values.Single().Tag, events[1].Values.Single().Simple!.Value));
        Assert.Equal(-3.5e-3f, events[2].Values.Single().Simple);
        Assert.Equal(1f, events[4].Values.Single().Simple);
    }

    [Fact]
    public void A_histogram_holds_min_max_count_sums_and_equal_width_buckets()
    {
        double[] values = [0.0, 1.0, 2.0, 3.0, 4.0, 7.5, 8.0, double.NaN];
        var h = EventFileReader.Read(WriteSample(values))[3].Values.Single();
        Assert.Equal("weights/w", h.Tag);
        Assert.Null(h.Simple);
        var histo = h.Histo!;
        // Finite values only: n = 7, Σx = 25.5, Σx² = 0 + 1 + 4 + 9 + 16 + 56.25 + 64 = 150.25; width (8 − 0) / 4 = 2.
        Assert.Equal((0.0, 8.0, 7.0, 25.5, 150.25), (histo.Min, histo.Max, histo.Num, histo.Sum, histo.SumSquares));
        Assert.Equal([2.0, 4.0, 6.0, 8.0], histo.Limits);
        Assert.Equal([2.0, 2.0, 1.0, 2.0], histo.Counts); // [0,2): 0 1; [2,4): 2 3; [4,6): 4; [6,8]: 7.5 8
    }

    [Fact]
    public void Equal_values_make_one_bucket_and_no_values_make_none()
    {
        using (var writer = new EventWriter(_folder))
        {
            writer.WriteHistogram("zeros", new double[5], step: 1);
            writer.WriteHistogram("empty", [], step: 1);
        }
        var events = EventFileReader.Read(Directory.GetFiles(_folder).Single());
        var zeros = events[1].Values.Single().Histo!;
        Assert.Equal([0.0], zeros.Limits);
        Assert.Equal([5.0], zeros.Counts);
        Assert.Equal(5.0, zeros.Num);
        var empty = events[2].Values.Single().Histo!;
        Assert.Equal(0, empty.Num);
        Assert.Empty(empty.Limits);
    }

    [Fact]
    public void Two_writers_in_the_same_second_get_two_files()
    {
        using var first = new EventWriter(_folder);
        using var second = new EventWriter(_folder);
        Assert.NotEqual(first.Path, second.Path);
    }

    [Theory]
    [InlineData(3)]   // inside a length
    [InlineData(10)]  // inside the length's CRC
    [InlineData(20)]  // inside the data
    [InlineData(-2)]  // inside the last record's data CRC
    public void A_flipped_byte_is_caught_by_the_reader(int at)
    {
        string path = WriteSample([1, 2, 3]);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(5, EventFileReader.Records(bytes).Count);
        int index = at >= 0 ? at : bytes.Length + at;
        bytes[index] ^= 0x10;
        var error = Assert.Throws<InvalidDataException>(() => EventFileReader.Records(bytes));
        Assert.Contains("CRC", error.Message);
    }

    [Fact]
    public void A_record_cut_short_is_caught_by_the_reader()
    {
        var bytes = File.ReadAllBytes(WriteSample([1, 2, 3]));
        Assert.Throws<InvalidDataException>(() => EventFileReader.Records(bytes[..^3]));
    }
}
