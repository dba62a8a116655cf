namespace Dendrite.Data;

/// <summary>
/// Reads as many bytes as a file's header promises without believing the header: memory grows with the bytes that
/// actually arrive (doubling from 1 MiB), so a few corrupt header bytes cannot make a reader allocate gigabytes.
/// </summary>
internal static class BoundedRead
{
    private const int FirstChunk = 1 << 20;

    /// <summary>The next <paramref name="count"/> bytes of <paramref name="stream"/>, or null when it ends first (<paramref name="got"/> says how many came).</summary>
    public static byte[]? Exactly(Stream stream, long count, out long got)
    {
        if (stream.CanSeek && stream.Length - stream.Position < count)
        {
            got = Math.Max(0, stream.Length - stream.Position);
            return null;
        }
        var buffer = new byte[Math.Min(count, FirstChunk)];
        got = 0;
        while (got < count)
        {
            if (got == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            int read = stream.Read(buffer, (int)got, buffer.Length - (int)got);
            if (read == 0) return null;
            got += read;
        }
        return buffer;
    }
}
