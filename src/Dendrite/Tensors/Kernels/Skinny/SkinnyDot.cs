using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Dot products of one row x with rows of B for <see cref="GemmSkinny{T}"/> on AVX2 + FMA: B's rows are read with
/// aligned 32-byte loads whatever their address, yet every result is bitwise independent of where the arrays sit.
/// </summary>
/// <remarks>
/// <para>Streaming B from L2 is the whole cost of a batch-1 layer, and .NET arrays start 8 or 16 bytes past a 32-byte
/// boundary, so half of the unaligned loads split a cache line: ~10% slower on Zen 4 (800 KB of weights: 8.3 → 7.4 µs).
/// Here the loads start d elements before the row, at the boundary below it, with the first and last vectors masked.</para>
/// <para>Canonical order: lane l (of w = 8 floats or 4 doubles) accumulates x[p]·b[p] for p ≡ l (mod w) in increasing p
/// with fused multiply-adds, starting from −0 (so a lane that sees only −0 products stays −0, as without masking);
/// masked lanes keep their value. Loading from d elements back puts p in lane (p + d) mod w, so the accumulators are
/// rotated back by d before the horizontal sum. Every split of the work and every address gives the same bits.</para>
/// </remarks>
internal static unsafe class SkinnyDot<T> where T : unmanaged, INumber<T>
{
    /// <summary>Whether this path runs here (x86 with AVX2 and FMA, float or double).</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>The misalignment of b in elements when rows ldb apart all share it (0 otherwise: unaligned loads).</summary>
    public static int Shift(T* b, nint ldb) =>
        ldb * sizeof(T) % 32 == 0 ? (int)((nuint)b / (nuint)sizeof(T) & (nuint)(Vector256<T>.Count - 1)) : 0;

    /// <summary>Four dot products of x[0..k) with rows b, b + ldb, b + 2·ldb, b + 3·ldb, sharing the loads of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Four(T* x, T* b, nint ldb, int k, out T d0, out T d1, out T d2, out T d3)
    {
        int d = Shift(b, ldb), end = k + d;
        T* xs = x - d, b0 = b - d, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        var start = Vector256.Create(-T.Zero);
        var m = Lanes(d, end);
        var xv = MaskLoad(xs, m);
        var s0 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b0, m), start), start);
        var s1 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b1, m), start), start);
        var s2 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b2, m), start), start);
        var s3 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b3, m), start), start);
        int q = Vector256<T>.Count;
        for (; q + Vector256<T>.Count <= end; q += Vector256<T>.Count)
        {
            xv = Vector256.Load(xs + q);
            s0 = Fused(xv, Vector256.Load(b0 + q), s0);
            s1 = Fused(xv, Vector256.Load(b1 + q), s1);
            s2 = Fused(xv, Vector256.Load(b2 + q), s2);
            s3 = Fused(xv, Vector256.Load(b3 + q), s3);
        }
        if (q < end)
        {
            m = Lanes(0, end - q);
            xv = MaskLoad(xs + q, m);
            s0 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b0 + q, m), s0), s0);
            s1 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b1 + q, m), s1), s1);
            s2 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b2 + q, m), s2), s2);
            s3 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b3 + q, m), s3), s3);
        }
        d0 = Sum(s0, d); d1 = Sum(s1, d); d2 = Sum(s2, d); d3 = Sum(s3, d);
    }

    /// <summary>Eight dot products of x[0..k) with eight rows into d[0..8), in the same canonical order as
    /// <see cref="Four"/>, so the bits do not depend on which of the two computed a row. Element (r, c·w + l) of the rows
    /// (w = the vector width) sits at b + r·<paramref name="rowStride"/> + c·<paramref name="chunkStride"/> + l: rows read
    /// in place (row stride ldb, chunk stride w) or one group of <see cref="SkinnyPacking{T}"/>'s layout (w and 8·w,
    /// 32-byte aligned, so no shift).</summary>
    /// <remarks>Each accumulator is one chain of dependent FMAs (one per 8 floats of a row), so four rows in flight issue one
    /// 32-byte load of B per FMA latency per row: ~32 bytes a cycle, half of what Zen 5's L2 delivers (a 400 KB sum runs
    /// at ~50 bytes a cycle). Eight independent chains keep twice as many loads in flight: one thread's half of the
    /// 784→256 layer (128 rows) took 2.6–2.8 µs at best against 3.7–3.8 µs with <see cref="Four"/> (same process,
    /// interleaved, loaded host).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Eight(T* x, T* b, nint rowStride, nint chunkStride, int k, T* d)
    {
        int w = Vector256<T>.Count, sh = Shift(b, rowStride), end = k + sh;
        T* xs = x - sh, b0 = b - sh, b1 = b0 + rowStride, b2 = b1 + rowStride, b3 = b2 + rowStride;
        T* b4 = b3 + rowStride, b5 = b4 + rowStride, b6 = b5 + rowStride, b7 = b6 + rowStride;
        var start = Vector256.Create(-T.Zero);
        var m = Lanes(sh, end);
        var xv = MaskLoad(xs, m);
        var s0 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b0, m), start), start);
        var s1 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b1, m), start), start);
        var s2 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b2, m), start), start);
        var s3 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b3, m), start), start);
        var s4 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b4, m), start), start);
        var s5 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b5, m), start), start);
        var s6 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b6, m), start), start);
        var s7 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b7, m), start), start);
        int q = w;
        nint o = chunkStride;
        for (; q + w <= end; q += w, o += chunkStride)
        {
            xv = Vector256.Load(xs + q);
            s0 = Fused(xv, Vector256.Load(b0 + o), s0);
            s1 = Fused(xv, Vector256.Load(b1 + o), s1);
            s2 = Fused(xv, Vector256.Load(b2 + o), s2);
            s3 = Fused(xv, Vector256.Load(b3 + o), s3);
            s4 = Fused(xv, Vector256.Load(b4 + o), s4);
            s5 = Fused(xv, Vector256.Load(b5 + o), s5);
            s6 = Fused(xv, Vector256.Load(b6 + o), s6);
            s7 = Fused(xv, Vector256.Load(b7 + o), s7);
        }
        if (q < end)
        {
            m = Lanes(0, end - q);
            xv = MaskLoad(xs + q, m);
            s0 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b0 + o, m), s0), s0);
            s1 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b1 + o, m), s1), s1);
            s2 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b2 + o, m), s2), s2);
            s3 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b3 + o, m), s3), s3);
            s4 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b4 + o, m), s4), s4);
            s5 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b5 + o, m), s5), s5);
            s6 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b6 + o, m), s6), s6);
            s7 = Vector256.ConditionalSelect(m, Fused(xv, MaskLoad(b7 + o, m), s7), s7);
        }
        d[0] = Sum(s0, sh); d[1] = Sum(s1, sh); d[2] = Sum(s2, sh); d[3] = Sum(s3, sh);
        d[4] = Sum(s4, sh); d[5] = Sum(s5, sh); d[6] = Sum(s6, sh); d[7] = Sum(s7, sh);
    }

    /// <summary>The dot product of x[0..k) with row b, in the same canonical order as <see cref="Four"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T One(T* x, T* b, int k)
    {
        int d = Shift(b, 0), end = k + d;
        T* xs = x - d, b0 = b - d;
        var start = Vector256.Create(-T.Zero);
        var m = Lanes(d, end);
        var s = Vector256.ConditionalSelect(m, Fused(MaskLoad(xs, m), MaskLoad(b0, m), start), start);
        int q = Vector256<T>.Count;
        for (; q + Vector256<T>.Count <= end; q += Vector256<T>.Count) s = Fused(Vector256.Load(xs + q), Vector256.Load(b0 + q), s);
        if (q < end)
        {
            m = Lanes(0, end - q);
            s = Vector256.ConditionalSelect(m, Fused(MaskLoad(xs + q, m), MaskLoad(b0 + q, m), s), s);
        }
        return Sum(s, d);
    }

    /// <summary>a·b + c rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fused(Vector256<T> a, Vector256<T> b, Vector256<T> c) => typeof(T) == typeof(float)
        ? Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
        : Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <summary>All-ones in lanes [from, to), zero elsewhere.</summary>
    private static Vector256<T> Lanes(int from, int to)
    {
        if (typeof(T) == typeof(float))
        {
            var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            return (Vector256.GreaterThanOrEqual(lane, Vector256.Create(from)) & Vector256.LessThan(lane, Vector256.Create(to))).As<int, T>();
        }
        var wide = Vector256.Create(0L, 1, 2, 3);
        return (Vector256.GreaterThanOrEqual(wide, Vector256.Create((long)from)) & Vector256.LessThan(wide, Vector256.Create((long)to))).As<long, T>();
    }

    /// <summary>Loads the lanes of <paramref name="mask"/> (the others read as 0 and may lie outside the array: masked
    /// lanes never fault).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MaskLoad(T* p, Vector256<T> mask) => typeof(T) == typeof(float)
        ? Avx.MaskLoad((float*)p, mask.AsSingle()).As<float, T>()
        : Avx.MaskLoad((double*)p, mask.AsDouble()).As<double, T>();

    /// <summary>Σ of the lanes after rotating lane (c + d) mod w back to lane c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Sum(Vector256<T> s, int d)
    {
        Vector256<int> index = typeof(T) == typeof(float)
            ? (Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) + Vector256.Create(d)) & Vector256.Create(7)
            : (((Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3) + Vector256.Create(d)) & Vector256.Create(3)) << 1) + Vector256.Create(0, 1, 0, 1, 0, 1, 0, 1);
        return Vector256.Sum(Avx2.PermuteVar8x32(s.AsSingle(), index).As<float, T>());
    }
}
