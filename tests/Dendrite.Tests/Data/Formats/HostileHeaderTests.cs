using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>
/// Readers do not believe their headers: dimensions whose product overflows (or wraps to 0), and small files promising
/// gigabytes, fail with the reader's error naming the file, before anything near the promised size is allocated.
/// </summary>
public sealed class HostileHeaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendrite-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(_dir, name);
        if (!gzip) File.WriteAllBytes(path, bytes);
        else
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        return path;
    }

    private static byte[] IdxHeader(int magic, params int[] dims)
    {
        var bytes = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        return bytes;
    }

    /// <summary>Runs <paramref name="read"/>, which must fail with InvalidDataException naming <paramref name="path"/>, allocating under 8 MB.</summary>
    private static InvalidDataException FailsCheaply(string path, Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8 << 20, $"reading {Path.GetFileName(path)} allocated {allocated:N0} bytes before failing");
        Assert.Contains(Path.GetFileName(path), e.Message);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx_dimensions_past_two_to_the_63_fail_with_the_files_name(bool gzip)
    {
        string path = Write($"huge{gzip}.idx", IdxHeader(0x0803, int.MaxValue, int.MaxValue, int.MaxValue), gzip);
        Assert.Contains("more elements than one array can hold", FailsCheaply(path, () => Idx.Read(path)).Message);
    }

    [Fact]
    public void Idx_dimensions_whose_product_wraps_to_zero_are_not_an_empty_tensor()
    {
        string path = Write("wrap.idx", IdxHeader(0x0803, 1 << 22, 1 << 21, 1 << 21)); // 2^64 ≡ 0 in 64-bit arithmetic
        FailsCheaply(path, () => Idx.ReadImages(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_eight_byte_labels_file_promising_a_billion_labels_allocates_nothing_much(bool gzip)
    {
        string path = Write($"labels{gzip}.idx", IdxHeader(0x0801, 973_000_000), gzip);
        Assert.Contains("truncated", FailsCheaply(path, () => Idx.ReadLabels(path)).Message);
    }

    private static byte[] NpyFile(string header, int dataBytes)
    {
        string dict = header.PadRight(118) + "\n"; // 10 + 118 = 128 bytes, a multiple of 64
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0, (byte)dict.Length, 0]);
        bytes.AddRange(Encoding.Latin1.GetBytes(dict));
        bytes.AddRange(new byte[dataBytes]);
        return [.. bytes];
    }

    [Fact]
    public void A_128_byte_npy_promising_6_gigabytes_fails_before_allocating()
    {
        string path = Write("big.npy", NpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (536870912, 3), }", 0));
        FailsCheaply(path, () => Npy.Read(path));
        string short_ = Write("short.npy", NpyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }", 16));
        Assert.Contains("truncated", FailsCheaply(short_, () => Npy.Read(short_)).Message);
    }

    [Fact]
    public void An_npz_entry_promising_more_than_it_holds_fails_before_allocating()
    {
        string path = Path.Combine(_dir, "big.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("x.npy").Open();
            entry.Write(NpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000, 4), }", 64));
        }
        var e = FailsCheaply(path, () => Npz.Read(path));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Shape_counts_in_checked_arithmetic()
    {
        Assert.Throws<OverflowException>(() => new Shape(int.MaxValue, int.MaxValue, int.MaxValue, 4).Count);
        Assert.Throws<OverflowException>(() => new Shape(1 << 22, 1 << 21, 1 << 21).Count); // 2^64 must not wrap to 0
        Assert.Equal(0, new Shape(0, int.MaxValue, int.MaxValue).Count);
        Assert.Equal(int.MaxValue, new Shape(int.MaxValue, 1).Count);
    }
}
