using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>Copies blocks of op(A) and op(B) into the contiguous, zero-padded panels the micro-kernel reads.</summary>
/// <remarks>
/// Packing is where a transposed operand is read in its stored layout, so the kernel only ever
/// sees one layout: an A panel holds element (r, p) at p·mr + r, a B panel element (p, j) at p·nr + j.
/// Rows or columns past the edge of the matrix are filled with zeros and never stored back.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) into ⌈mc/mr⌉ panels of kc·mr elements.</summary>
    public static void PackA<T>(bool transA, T* a, nint lda, int i0, int mc, int p0, int kc, int mr, T* dst)
        where T : unmanaged
    {
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)kc * mr)
        {
            int rows = Math.Min(mr, mc - ir);
            if (transA) PackTransposedA(a + p0 * lda + i0 + ir, lda, rows, kc, mr, dst);
            else PackRowsA(a + (i0 + ir) * lda + p0, lda, rows, kc, mr, dst);
        }
    }

    /// <summary>Row stride, in bytes, from which a row-major B is packed row by row (<see cref="PackRowsBlockB"/>).</summary>
    /// <remarks>
    /// Panel by panel, each of the kc rows read lies on its own page once rows are a page apart, and a B wider than the
    /// TLB's reach then costs a page walk per row; row by row, each row is one contiguous read and the writes stay in
    /// the packed block. Measured in one process, variants interleaved: 2048³ 3–6% faster, 1024³ 1–2%; below a page
    /// row by row was no better (−1% to +1%, within noise), so the panel order stays there.
    /// </remarks>
    private const int PageBytes = 4096;

    /// <summary>Packs depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) into ⌈nc/nr⌉ panels of kc·nr elements.</summary>
    public static void PackB<T>(bool transB, T* b, nint ldb, int p0, int kc, int j0, int nc, int nr, T* dst)
        where T : unmanaged
    {
        if (!transB && ldb * sizeof(T) >= PageBytes)
        {
            PackRowsBlockB(b + p0 * ldb + j0, ldb, nc, kc, nr, dst);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr, dst += (nint)kc * nr)
        {
            int cols = Math.Min(nr, nc - jr);
            if (transB) PackColumnsB(b + (j0 + jr) * ldb + p0, ldb, cols, kc, nr, dst);
            else PackRowsB(b + p0 * ldb + j0 + jr, ldb, cols, kc, nr, dst);
        }
    }

    /// <summary>A stored m×k: row r of the panel is contiguous in memory, so dst[p·mr + r] = src[r·lda + p].</summary>
    private static void PackRowsA<T>(T* src, nint lda, int rows, int kc, int mr, T* dst) where T : unmanaged
    {
        Scatter(src, lda, rows, kc, mr, dst, mayOverrun: true);
    }

    /// <summary>A stored k×m (transposed): the mr values of one depth p are contiguous, so each step is a copy.</summary>
    private static void PackTransposedA<T>(T* src, nint lda, int rows, int kc, int mr, T* dst) where T : unmanaged
        => CopyRows(src, lda, rows, kc, mr, dst);

    /// <summary>B stored k×n: the nr values of one depth p are contiguous, so each step is a copy.</summary>
    private static void PackRowsB<T>(T* src, nint ldb, int cols, int kc, int nr, T* dst) where T : unmanaged
        => CopyRows(src, ldb, cols, kc, nr, dst);

    /// <summary>
    /// B stored k×n, all ⌈nc/nr⌉ panels of a kc-deep block at once, row by row: dst[jp·kc·nr + p·nr + j] =
    /// src[p·ldb + jp·nr + j], zero past column nc. Each source row is read once, contiguously, where packing panel by
    /// panel reads nr values from each of kc rows and so, for a wide B, touches a new page on every row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRowsBlockB<T>(T* src, nint ldb, int nc, int kc, int nr, T* dst) where T : unmanaged
    {
        int full = nc / nr, rest = nc - full * nr, bytes = nr * sizeof(T);
        nint panel = (nint)kc * nr;
        bool vectors = bytes % 32 == 0 && Vector256.IsHardwareAccelerated;
        for (int p = 0; p < kc; p++, src += ldb)
        {
            T* s = src, d = dst + (nint)p * nr;
            for (int jp = 0; jp < full; jp++, s += nr, d += panel)
            {
                if (vectors)
                    for (int i = 0; i < bytes; i += 32) Vector256.Load((byte*)s + i).Store((byte*)d + i);
                else
                    new ReadOnlySpan<T>(s, nr).CopyTo(new Span<T>(d, nr));
            }
            if (rest == 0) continue;
            new ReadOnlySpan<T>(s, rest).CopyTo(new Span<T>(d, rest));
            new Span<T>(d + rest, nr - rest).Clear();
        }
    }

    /// <summary>B stored n×k (transposed): column j of the panel is contiguous, so dst[p·nr + j] = src[j·ldb + p].</summary>
    private static void PackColumnsB<T>(T* src, nint ldb, int cols, int kc, int nr, T* dst) where T : unmanaged
    {
        Scatter(src, ldb, cols, kc, nr, dst, mayOverrun: false);
    }

    /// <summary>dst[p·width + r] = src[r·ld + p] for r &lt; count, zero for count ≤ r &lt; width: each source line is
    /// read once in order and written down one column of the panel. With <paramref name="mayOverrun"/> the
    /// vector path may write up to 8 elements past the panel, into the next panel (packed afterwards by the
    /// same thread) or the scratch slack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter<T>(T* src, nint ld, int count, int kc, int width, T* dst, bool mayOverrun)
        where T : unmanaged
    {
        if (count == width && GemmTranspose.TryScatter(src, ld, kc, width, dst, mayOverrun)) return;
        for (int r = 0; r < width; r++)
        {
            T* s = src + r * ld;
            T* d = dst + r;
            if (r < count)
                for (int p = 0; p < kc; p++, d += width) *d = s[p];
            else
                for (int p = 0; p < kc; p++, d += width) *d = default;
        }
    }

    /// <summary>dst[p·width + j] = src[p·ld + j] for j &lt; count, zero for count ≤ j &lt; width.</summary>
    /// <remarks>A full panel row of a vector kernel is a multiple of 32 bytes, so it is copied as
    /// 32-byte vectors rather than through a memmove call per row.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows<T>(T* src, nint ld, int count, int kc, int width, T* dst) where T : unmanaged
    {
        int bytes = count * sizeof(T);
        if (count == width && bytes % 32 == 0 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ld, dst += width)
                for (int i = 0; i < bytes; i += 32)
                    Vector256.Load((byte*)src + i).Store((byte*)dst + i);
            return;
        }
        for (int p = 0; p < kc; p++, src += ld, dst += width)
        {
            new ReadOnlySpan<T>(src, count).CopyTo(new Span<T>(dst, count));
            if (count < width) new Span<T>(dst + count, width - count).Clear();
        }
    }
}
