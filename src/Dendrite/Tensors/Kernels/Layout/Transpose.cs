using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>Out-of-place matrix transpose, dst[c·ldd + r] = src[r·lds + c], in 8×8 AVX blocks for float (masked at the edges).</summary>
/// <remarks>The direct convolution uses it to move between channels-first planes and channels-last tiles.</remarks>
internal static unsafe class Transpose
{
    /// <summary>dst[c·ldd + r] = src[r·lds + c] for r &lt; rows, c &lt; cols, on bounds-checked spans.</summary>
    public static void Run<T>(ReadOnlySpan<T> src, int rows, int cols, int lds, Span<T> dst, int ldd) where T : unmanaged
    {
        if (rows <= 0 || cols <= 0) return;
        if (lds < cols || ldd < rows || src.Length < (long)(rows - 1) * lds + cols || dst.Length < (long)(cols - 1) * ldd + rows)
            throw new ArgumentException($"Transpose: a {rows}×{cols} matrix does not fit the spans with strides {lds} and {ldd}.");
        fixed (T* ps = src)
        fixed (T* pd = dst)
            Run(ps, rows, cols, lds, pd, ldd);
    }

    /// <summary>Transposes a rows×cols matrix with row stride <paramref name="lds"/> into one with row stride <paramref name="ldd"/>.</summary>
    /// <remarks>
    /// The side with the longer rows is walked eight rows at a time along its length. When those rows are a multiple of
    /// 4 KiB apart (a 32×32 float plane) the eight lines written at once share one L1 set and evict each other, so the
    /// blocks go through a small staging buffer with padded rows and are copied out a row at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(T* src, int rows, int cols, nint lds, T* dst, nint ldd) where T : unmanaged
    {
        const int block = 8;
        bool vector = typeof(T) == typeof(float) && Avx.IsSupported;
        if (ldd >= lds && ldd * sizeof(T) % 4096 == 0 && rows >= MinStaged)
        {
            Staged(src, rows, cols, lds, dst, ldd, vector);
            return;
        }
        if (ldd >= lds)
        {
            for (int c0 = 0; c0 < cols; c0 += block)
                for (int r0 = 0; r0 < rows; r0 += block)
                    Block(src + r0 * lds + c0, Math.Min(block, rows - r0), Math.Min(block, cols - c0), lds, dst + c0 * ldd + r0, ldd, vector);
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += block)
            for (int c0 = 0; c0 < cols; c0 += block)
                Block(src + r0 * lds + c0, Math.Min(block, rows - r0), Math.Min(block, cols - c0), lds, dst + c0 * ldd + r0, ldd, vector);
    }

    /// <summary>Source rows per staged chunk.</summary>
    private const int Staging = 256;

    /// <summary>The fewest source rows that go through the staging buffer: the direct convolution transposes its tiles in
    /// chunks of 128 or 256 positions, which alias in L1 as much as a whole plane does.</summary>
    private const int MinStaged = 32;

    /// <summary>Transposes <see cref="Staging"/> source rows × 8 columns at a time into a padded buffer, then copies its rows out.</summary>
    /// <remarks>The chunk of source rows stays in L1 while its column blocks are transposed.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Staged<T>(T* src, int rows, int cols, nint lds, T* dst, nint ldd, bool vector) where T : unmanaged
    {
        const int block = 8, ld = Staging + 16;
        T* stage = stackalloc T[block * ld];
        for (int s0 = 0; s0 < rows; s0 += Staging)
        {
            int count = Math.Min(Staging, rows - s0);
            for (int c0 = 0; c0 < cols; c0 += block)
            {
                int cc = Math.Min(block, cols - c0);
                for (int r0 = 0; r0 < count; r0 += block)
                    Block(src + (s0 + r0) * lds + c0, Math.Min(block, count - r0), cc, lds, stage + r0, ld, vector);
                for (int k = 0; k < cc; k++)
                    ShortCopy.Run(new ReadOnlySpan<T>(stage + k * ld, count), new Span<T>(dst + (c0 + k) * ldd + s0, count));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<T>(T* src, int rows, int cols, nint lds, T* dst, nint ldd, bool vector) where T : unmanaged
    {
        if (!vector) Scalar(src, rows, cols, lds, dst, ldd);
        else if (rows == 8 && cols == 8) Block8x8((float*)src, lds, (float*)dst, ldd);
        else Partial8x8((float*)src, rows, cols, lds, (float*)dst, ldd);
    }

    private static void Scalar<T>(T* src, int rows, int cols, nint lds, T* dst, nint ldd) where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) dst[c * ldd + r] = src[r * lds + c];
    }

    /// <summary>A full 8×8 float block: eight row loads, <see cref="Shuffle8x8"/>, eight row stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x8(float* s, nint lds, float* d, nint ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + lds), r2 = Avx.LoadVector256(s + 2 * lds), r3 = Avx.LoadVector256(s + 3 * lds);
        Vector256<float> r4 = Avx.LoadVector256(s + 4 * lds), r5 = Avx.LoadVector256(s + 5 * lds), r6 = Avx.LoadVector256(s + 6 * lds), r7 = Avx.LoadVector256(s + 7 * lds);
        Shuffle8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Avx.Store(d, r0);
        Avx.Store(d + ldd, r1);
        Avx.Store(d + 2 * ldd, r2);
        Avx.Store(d + 3 * ldd, r3);
        Avx.Store(d + 4 * ldd, r4);
        Avx.Store(d + 5 * ldd, r5);
        Avx.Store(d + 6 * ldd, r6);
        Avx.Store(d + 7 * ldd, r7);
    }

    /// <summary>A rows×cols float block with rows, cols ≤ 8 (channel counts such as LeNet's 6): the first cols elements of
    /// each row loaded under a mask (masked-off elements are never read), the rest zero, and the first rows elements of
    /// the first cols transposed rows stored under a mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Partial8x8(float* s, int rows, int cols, nint lds, float* d, nint ldd)
    {
        Vector256<float> load = Mask(cols), store = Mask(rows);
        Vector256<float> r0 = Row(s, 0, rows, lds, load), r1 = Row(s, 1, rows, lds, load), r2 = Row(s, 2, rows, lds, load), r3 = Row(s, 3, rows, lds, load);
        Vector256<float> r4 = Row(s, 4, rows, lds, load), r5 = Row(s, 5, rows, lds, load), r6 = Row(s, 6, rows, lds, load), r7 = Row(s, 7, rows, lds, load);
        Shuffle8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        StoreMasked(d, store, r0);
        if (cols > 1) StoreMasked(d + ldd, store, r1);
        if (cols > 2) StoreMasked(d + 2 * ldd, store, r2);
        if (cols > 3) StoreMasked(d + 3 * ldd, store, r3);
        if (cols > 4) StoreMasked(d + 4 * ldd, store, r4);
        if (cols > 5) StoreMasked(d + 5 * ldd, store, r5);
        if (cols > 6) StoreMasked(d + 6 * ldd, store, r6);
        if (cols > 7) StoreMasked(d + 7 * ldd, store, r7);
    }

    /// <summary>Stores the lanes of x that <paramref name="mask"/> selects: an AVX-512 masked store where there is one, since
    /// AVX's vmaskmovps store is microcoded and slow on AMD (it made the masked blocks slower than scalar code on Zen 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMasked(float* d, Vector256<float> mask, Vector256<float> x)
    {
        if (Avx512F.VL.IsSupported) Avx512F.VL.MaskStore(d, mask, x);
        else Avx.MaskStore(d, mask, x);
    }

    /// <summary>Row r of the block under the column mask, or zeros past the last row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(float* s, int r, int rows, nint lds, Vector256<float> mask) =>
        r < rows ? Avx.MaskLoad(s + r * lds, mask) : Vector256<float>.Zero;

    /// <summary>Lanes [0, count) set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

    /// <summary>The classic unpack / shuffle / lane-swap 8×8 float transpose, in registers: r_i becomes column i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Shuffle8x8(ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        r0 = Avx.Permute2x128(u0, u4, 0x20);
        r1 = Avx.Permute2x128(u1, u5, 0x20);
        r2 = Avx.Permute2x128(u2, u6, 0x20);
        r3 = Avx.Permute2x128(u3, u7, 0x20);
        r4 = Avx.Permute2x128(u0, u4, 0x31);
        r5 = Avx.Permute2x128(u1, u5, 0x31);
        r6 = Avx.Permute2x128(u2, u6, 0x31);
        r7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
