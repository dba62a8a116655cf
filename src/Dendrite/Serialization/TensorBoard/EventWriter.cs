using System.Globalization;

namespace Dendrite.Serialization;

/// <summary>
/// Writes a TensorBoard event file, <c>events.out.tfevents.{unix seconds}.{host name}</c> in a folder: TFRecord
/// records (<see cref="TfRecord"/>) each holding one <c>Event</c> protocol buffer — wall_time 1 (double seconds),
/// step 2 (int64), then file_version 3 (the first event, <c>brain.Event:2</c>) or summary 5. A summary holds one
/// value: tag 1 with simple_value 2 (a float scalar) or histo 5 (a <c>HistogramProto</c>, <see cref="HistogramBuckets"/>).
/// </summary>
/// <remarks>
/// The file is appended to through one <see cref="FileStream"/>, not written through <c>AtomicFile</c>: TensorBoard
/// reads event files while they grow, and the format is made for that — every record carries its own CRCs, so a
/// reader stops cleanly at a record cut short by a crash. Call <see cref="Flush"/> to make what was written visible
/// (the <c>TensorBoard</c> callback does after every epoch). The graph (<c>graph_def</c>) is not written.
/// </remarks>
/// <example><code>
/// using var events = new EventWriter("runs/tb");
/// events.WriteScalar("epoch/loss", 0.25, step: 1);
/// </code></example>
public sealed class EventWriter : IDisposable
{
    /// <summary>The file version the first event announces.</summary>
    public const string FileVersion = "brain.Event:2";

    private readonly FileStream _stream;

    /// <summary>Creates <paramref name="folder"/> if needed and a new event file in it (a suffix <c>.1</c>, <c>.2</c>, … keeps
    /// a second writer in the same second from reusing a name), and writes the file-version event.</summary>
    public EventWriter(string folder)
    {
        Directory.CreateDirectory(folder);
        string stem = System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Environment.MachineName}"));
        Path = stem;
        for (int n = 1; File.Exists(Path); n++) Path = stem + "." + n.ToString(CultureInfo.InvariantCulture);
        _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var evt = Event(0);
        evt.String(3, FileVersion);
        TfRecord.Write(_stream, evt.Written);
        Flush();
    }

    /// <summary>The event file's path.</summary>
    public string Path { get; }

    /// <summary>Appends a scalar (stored as float32, as TensorBoard's <c>simple_value</c> is).</summary>
    public void WriteScalar(string tag, double value, long step)
    {
        var summaryValue = new ProtoWriter();
        summaryValue.String(1, tag);
        summaryValue.Float(2, (float)value);
        WriteSummary(summaryValue, step);
    }

    /// <summary>Appends the histogram of <paramref name="values"/> in <paramref name="buckets"/> equal-width buckets.</summary>
    public void WriteHistogram(string tag, ReadOnlySpan<double> values, long step, int buckets = 30)
    {
        var summaryValue = new ProtoWriter();
        summaryValue.String(1, tag);
        summaryValue.Message(5, HistogramBuckets.Of(values, buckets).Encode());
        WriteSummary(summaryValue, step);
    }

    /// <summary>Pushes what was written to the operating system, where TensorBoard can read it.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _stream.Dispose();

    /// <summary>Summary { value 1: [the value] } inside an event.</summary>
    private void WriteSummary(ProtoWriter summaryValue, long step)
    {
        var summary = new ProtoWriter();
        summary.Message(1, summaryValue);
        var evt = Event(step);
        evt.Message(5, summary);
        TfRecord.Write(_stream, evt.Written);
    }

    private static ProtoWriter Event(long step)
    {
        var evt = new ProtoWriter();
        evt.Double(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        evt.Int(2, step);
        return evt;
    }
}
