using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// AVX-512 correlation tiles for runs of output positions that read consecutive elements of a <see cref="ConvLayout"/>
/// copy (stride 1 within a row): two one-vector tiles per call from two base pointers, and the channels-first tile that
/// puts a run in the lanes and stores straight into NCHW planes. <see cref="ConvDirect"/> takes them where
/// <see cref="ConvTiles.PositionRuns"/> is on and the positions allow; each element is summed as by the tiles of
/// <see cref="ConvKernel512{T}"/>, so the results are the same bits.
/// </summary>
internal static unsafe class ConvRunKernel512<T> where T : unmanaged, INumber<T>
{
    /// <summary>
    /// Two <see cref="ConvKernel512{T}.CorrelateNarrow"/> tiles whose eight positions each read consecutive elements of the copy:
    /// o[r·ldo + l] = bias[l] + Σ_p x0[off[p] + r]·f[p·w + l] and o2[r·ldo + l] likewise from x1, r &lt; 8
    /// (sixteen accumulators, one load and sixteen broadcasts per step).
    /// </summary>
    /// <remarks>
    /// Eight accumulators are exactly the FMA pipes' latency × throughput; sixteen leave slack (measured 1–4% faster
    /// than the single tile). Two base pointers (the broadcasts take constant displacements) instead of sixteen row
    /// pointers keep the loop in registers. Each element is summed as by <see cref="ConvKernel512{T}.CorrelateNarrow"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CorrelateNarrowRuns(int depth, T* f, int* off, T* x0, T* x1, T* bias, T* o, T* o2, nint ldo)
    {
        int n = Vector512<T>.Count;
        Vector512<T> a0 = Vector512.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<T> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0;
        for (int p = 0; p < depth; p++, f += n)
        {
            nint at = off[p];
            T* r = x0 + at, s = x1 + at;
            Vector512<T> v = Vector512.Load(f);
            a0 = GemmFma.Apply(Vector512.Create(r[0]), v, a0);
            a1 = GemmFma.Apply(Vector512.Create(r[1]), v, a1);
            a2 = GemmFma.Apply(Vector512.Create(r[2]), v, a2);
            a3 = GemmFma.Apply(Vector512.Create(r[3]), v, a3);
            a4 = GemmFma.Apply(Vector512.Create(r[4]), v, a4);
            a5 = GemmFma.Apply(Vector512.Create(r[5]), v, a5);
            a6 = GemmFma.Apply(Vector512.Create(r[6]), v, a6);
            a7 = GemmFma.Apply(Vector512.Create(r[7]), v, a7);
            b0 = GemmFma.Apply(Vector512.Create(s[0]), v, b0);
            b1 = GemmFma.Apply(Vector512.Create(s[1]), v, b1);
            b2 = GemmFma.Apply(Vector512.Create(s[2]), v, b2);
            b3 = GemmFma.Apply(Vector512.Create(s[3]), v, b3);
            b4 = GemmFma.Apply(Vector512.Create(s[4]), v, b4);
            b5 = GemmFma.Apply(Vector512.Create(s[5]), v, b5);
            b6 = GemmFma.Apply(Vector512.Create(s[6]), v, b6);
            b7 = GemmFma.Apply(Vector512.Create(s[7]), v, b7);
        }
        ConvKernel512<T>.StoreRows(o, ldo, a0, a1, a2, a3, a4, a5, a6, a7);
        ConvKernel512<T>.StoreRows(o2, ldo, b0, b1, b2, b3, b4, b5, b6, b7);
    }

    /// <summary>
    /// The one-vector correlation channels first: o_k[c·plane + l] = bias[c] + Σ_p x_k[off[p] + l]·f[p·fw + c] for
    /// eight channels c &lt; 8 and the w consecutive positions l of two runs k (x0, x1), stored straight into the planes
    /// (o0, o1 at the runs' first positions, channel planes <paramref name="plane"/> apart). Sixteen accumulators; per
    /// step two vector loads of the copy and eight broadcasts of filter taps (against one load and eight broadcasts
    /// per eight FMAs in <see cref="ConvKernel512{T}.CorrelateNarrow"/>), and no transpose afterwards.
    /// </summary>
    /// <remarks>Each element is summed as by <see cref="ConvKernel512{T}.CorrelateNarrow"/> (from the bias, tap by tap, the same fused
    /// multiply-add of the same two values), so the results are the same bits. A partial last group of channels is left
    /// to the other tiles: storing fewer than eight rows through a stack buffer made the JIT keep the accumulators in
    /// memory (three times slower).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CorrelatePlanes(int depth, T* f, nint fw, int* off, T* x0, T* x1, T* bias, T* o0, T* o1, nint plane)
    {
        Vector512<T> a0 = Vector512.Create(bias[0]), a1 = Vector512.Create(bias[1]), a2 = Vector512.Create(bias[2]), a3 = Vector512.Create(bias[3]);
        Vector512<T> a4 = Vector512.Create(bias[4]), a5 = Vector512.Create(bias[5]), a6 = Vector512.Create(bias[6]), a7 = Vector512.Create(bias[7]);
        Vector512<T> b0 = a0, b1 = a1, b2 = a2, b3 = a3, b4 = a4, b5 = a5, b6 = a6, b7 = a7;
        for (int p = 0; p < depth; p++, f += fw)
        {
            nint at = off[p];
            Vector512<T> u = Vector512.Load(x0 + at), v = Vector512.Load(x1 + at);
            Vector512<T> t = Vector512.Create(f[0]);
            a0 = GemmFma.Apply(u, t, a0);
            b0 = GemmFma.Apply(v, t, b0);
            t = Vector512.Create(f[1]);
            a1 = GemmFma.Apply(u, t, a1);
            b1 = GemmFma.Apply(v, t, b1);
            t = Vector512.Create(f[2]);
            a2 = GemmFma.Apply(u, t, a2);
            b2 = GemmFma.Apply(v, t, b2);
            t = Vector512.Create(f[3]);
            a3 = GemmFma.Apply(u, t, a3);
            b3 = GemmFma.Apply(v, t, b3);
            t = Vector512.Create(f[4]);
            a4 = GemmFma.Apply(u, t, a4);
            b4 = GemmFma.Apply(v, t, b4);
            t = Vector512.Create(f[5]);
            a5 = GemmFma.Apply(u, t, a5);
            b5 = GemmFma.Apply(v, t, b5);
            t = Vector512.Create(f[6]);
            a6 = GemmFma.Apply(u, t, a6);
            b6 = GemmFma.Apply(v, t, b6);
            t = Vector512.Create(f[7]);
            a7 = GemmFma.Apply(u, t, a7);
            b7 = GemmFma.Apply(v, t, b7);
        }
        ConvKernel512<T>.StoreRows(o0, plane, a0, a1, a2, a3, a4, a5, a6, a7);
        ConvKernel512<T>.StoreRows(o1, plane, b0, b1, b2, b3, b4, b5, b6, b7);
    }
}
