using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// B's rows regrouped for <see cref="SkinnyDot{T}.Eight"/>, so a batch-1 layer reads its weights as one
/// sequential stream instead of eight rows side by side.
/// </summary>
/// <remarks>
/// <para>Layout, with w = <see cref="Vector256{T}.Count"/> (8 floats, 4 doubles) and kp = k rounded up to w: rows in
/// groups of <see cref="Rows"/>; element (8g + r, c·w + l) of B sits at 8g·kp + 8c·w + r·w + l, i.e. group g holds chunk c
/// of its eight rows one after another, chunk after chunk. The depth padding is zero. Rows after the last whole group
/// are not packed: the kernel reads them in place.</para>
/// <para>Why: the eight-row kernel reading B in place keeps eight streams 4·k bytes apart in flight and runs at ~60% of
/// what the same loads sustain sequentially. 784-deep rows from L2 on the Zen 5 bench host, one thread, 120 rows (367 KB):
/// 3.3–3.5 µs in place against 2.2–2.4 µs packed (a plain sum of the 367 KB: 1.7 µs); 200 rows: 5.7 against 3.5 µs. A
/// 512-bit version of either was no faster.</para>
/// </remarks>
internal static class SkinnyPacking<T> where T : unmanaged, INumber<T>
{
    /// <summary>Rows per group: one accumulator each in <see cref="SkinnyDot{T}.Eight"/>.</summary>
    public const int Rows = 8;

    /// <summary>Depth of a packed row: k rounded up to a whole vector.</summary>
    public static int Depth(int k) => GemmBlocking.RoundUp(k, Vector256<T>.Count);

    /// <summary>Elements of the packed form of an n×k B.</summary>
    public static long Length(int n, int k) => (long)(n / Rows) * Rows * Depth(k);

    /// <summary>Packs the whole groups of rows of <paramref name="b"/> (n×k, row stride <paramref name="ldb"/>) into
    /// <paramref name="packed"/> (<see cref="Length"/> elements).</summary>
    public static void Pack(ReadOnlySpan<T> b, int ldb, int n, int k, Span<T> packed)
    {
        int w = Vector256<T>.Count, kp = Depth(k);
        if (packed.Length < Length(n, k)) throw new ArgumentException($"{packed.Length} elements cannot hold {n}×{k} packed ({Length(n, k)}).", nameof(packed));
        for (int g = 0; g < n / Rows; g++)
        {
            Span<T> group = packed.Slice(g * Rows * kp, Rows * kp);
            for (int r = 0; r < Rows; r++)
            {
                ReadOnlySpan<T> row = b.Slice((g * Rows + r) * ldb, k);
                for (int c = 0; c < kp; c += w)
                {
                    Span<T> chunk = group.Slice(c * Rows + r * w, w);
                    int real = Math.Min(w, k - c);
                    row.Slice(c, real).CopyTo(chunk);
                    chunk[real..].Clear();
                }
            }
        }
    }
}
