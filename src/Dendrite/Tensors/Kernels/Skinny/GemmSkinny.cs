using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// C = α·A·Bᵀ + β·C for a few rows of A (m ≤ <see cref="MaxRows"/>) with B stored as [n, k] rows — nn.Linear's layout
/// at batch size 1 to 4. Each C[i, j] is a dot product of two contiguous rows, read straight from memory: packing B, as
/// the blocked GEMM does, would cost as much as the product itself. On AVX2 + FMA the dot products are
/// <see cref="SkinnyDot{T}"/>'s (aligned loads of B, results independent of addresses); elsewhere a portable
/// <see cref="Vector{T}"/> loop. Columns of C are split over the GEMM workers (part 0, the caller's, a little wider) when B is
/// large; every element is summed by one thread in one order, so results do not depend on the
/// thread count.
/// </summary>
internal sealed unsafe class GemmSkinny<T> : GemmJob where T : unmanaged, INumber<T>
{
    /// <summary>Largest m this path takes.</summary>
    public const int MaxRows = 4;

    /// <summary>Below this many elements of B read in place the work stays on the calling thread.</summary>
    /// <remarks>The dot products stream B from L2 (~24 bytes a cycle), so even a 128 KB B is worth splitting: the
    /// 128×256 layer of the batch-1 MLP took 1.5 µs on one thread and 1.15–1.25 µs on two (32 K rather than 96 K).</remarks>
    private const long ParallelElements = 32 * 1024;

    /// <summary>Below this many bytes of packed B (<see cref="GemmOperands{T}.PackedB"/>) the work stays on the calling
    /// thread.</summary>
    /// <remarks>Packed rows stream ~1.5× faster, while a hand-off costs the same: a handful of cache lines crossing between
    /// the cores, ~220 ns each on the Zen 5 bench host (a ping-pong round trip took ~450 ns), for the job, the claim, the
    /// other half of x and the completion. Batch-1 784-256-H-10 MLP, 2 threads, in-process A/B, medians of 8×3000 calls:
    /// the 256×H layer on one thread rather than two took 6.0 against 6.6 µs at H = 128 (128 KB), 6.4 against 7.1 at 256
    /// (256 KB), but 8.9 against 7.8 at 384 (384 KB) and 11.0 against 9.3 at 512.</remarks>
    private const long PackedParallelBytes = 320 * 1024;

    [ThreadStatic] private static GemmSkinny<T>? t_job;

    private GemmOperands<T> _ops;
    private int _parts;

    /// <summary>Whether <paramref name="ops"/> suits this path.</summary>
    public static bool Applies(in GemmOperands<T> ops) => ops.M <= MaxRows && ops.TransB && !ops.TransA;

    /// <summary>Computes the product, on several threads when B is large.</summary>
    /// <remarks>Each thread gets one contiguous range of B's rows, so in a run of calls (batch-1 inference) the same
    /// rows tend to stay in the same core's cache.</remarks>
    public static void Run(in GemmOperands<T> ops, int maxThreads)
    {
        var job = t_job ?? new GemmSkinny<T>();
        t_job = null;
        job._ops = ops;
        long elements = (long)ops.N * ops.K;
        bool split = ops.PackedB != null ? elements * sizeof(T) >= PackedParallelBytes : elements >= ParallelElements;
        job._parts = split ? Math.Clamp(ops.N / 16, 1, maxThreads) : 1;
        if (job._parts > 1) GemmWorkers.Run(job, job._parts, 0, job._parts);
        else job.Run(0);
        job._ops = default;
        t_job = job;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // batch-1 calls are rare in training: never run tier-0 code
    public override void Run(int item)
    {
        int j0 = Boundary(item), j1 = Boundary(item + 1), w = Vector256<T>.Count;
        // eight rows of B read in place (ldb apart) or from their packed group (j·kp on, rows w and chunks 8·w apart)
        bool packed = _ops.PackedB != null;
        nint packedDepth = SkinnyPacking<T>.Depth(_ops.K), rowStride = packed ? w : _ops.Ldb, chunkStride = packed ? 8 * w : w;
        T* eight = stackalloc T[8];
        for (int i = 0; i < _ops.M; i++)
        {
            T* a = _ops.A + i * _ops.Lda;
            T* c = _ops.C + i * _ops.Ldc;
            int j = j0;
            if (SkinnyDot<T>.IsSupported)
            {
                for (; j + 8 <= j1; j += 8)
                {
                    T* rows = packed ? _ops.PackedB + j * packedDepth : _ops.B + j * _ops.Ldb;
                    SkinnyDot<T>.Eight(a, rows, rowStride, chunkStride, _ops.K, eight);
                    for (int r = 0; r < 8; r++) Store(c + j + r, eight[r]);
                }
                for (; j + 4 <= j1; j += 4)
                {
                    SkinnyDot<T>.Four(a, _ops.B + j * _ops.Ldb, _ops.Ldb, _ops.K, out T d0, out T d1, out T d2, out T d3);
                    Store(c + j, d0);
                    Store(c + j + 1, d1);
                    Store(c + j + 2, d2);
                    Store(c + j + 3, d3);
                }
                for (; j < j1; j++) Store(c + j, SkinnyDot<T>.One(a, _ops.B + j * _ops.Ldb, _ops.K));
                continue;
            }
            for (; j + 4 <= j1; j += 4)
            {
                Dot4(a, _ops.B + j * _ops.Ldb, _ops.Ldb, _ops.K, out T d0, out T d1, out T d2, out T d3);
                Store(c + j, d0);
                Store(c + j + 1, d1);
                Store(c + j + 2, d2);
                Store(c + j + 3, d3);
            }
            for (; j < j1; j++) Store(c + j, Dot(a, _ops.B + j * _ops.Ldb, _ops.K));
        }
    }

    /// <summary>Extra columns for part 0, which the calling thread usually claims: it starts while the workers are
    /// still waking (~150 ns), so an even split left it spinning at the end of each layer.</summary>
    /// <remarks>Batch-1 MLP forward, 2 threads, in-process A/B: 7.3–7.6 µs minima against 7.8–8.0 with an even split
    /// (8 extra columns: 7.6; 24 and 32: level or slower). The split never changes the bits.</remarks>
    private const int CallerLead = 16;

    /// <summary>First column of part <paramref name="part"/>: an even split rounded to multiples of 8 (whole groups of
    /// <see cref="SkinnyPacking{T}"/>), every inner boundary moved <see cref="CallerLead"/> columns later (at most to n).</summary>
    private int Boundary(int part) =>
        part >= _parts ? _ops.N : part == 0 ? 0 : Math.Min(_ops.N, ((int)((long)_ops.N * part / _parts) & ~7) + CallerLead);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(T* c, T dot) => *c = _ops.Beta == T.Zero ? _ops.Alpha * dot : _ops.Alpha * dot + _ops.Beta * *c;

    /// <summary>Four dot products of x with rows b, b + ldb, b + 2·ldb, b + 3·ldb, sharing the loads of x (256-bit lanes, 128 where only those are accelerated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4(T* x, T* b, nint ldb, int k, out T d0, out T d1, out T d2, out T d3)
    {
        int p = 0;
        T* b1 = b + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        d0 = d1 = d2 = d3 = T.Zero;
        if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count)
        {
            Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int w = Vector256<T>.Count; p + w <= k; p += w)
            {
                var xv = Vector256.Load(x + p);
                s0 += xv * Vector256.Load(b + p);
                s1 += xv * Vector256.Load(b1 + p);
                s2 += xv * Vector256.Load(b2 + p);
                s3 += xv * Vector256.Load(b3 + p);
            }
            (d0, d1, d2, d3) = (Vector256.Sum(s0), Vector256.Sum(s1), Vector256.Sum(s2), Vector256.Sum(s3));
        }
        else if (Vector128.IsHardwareAccelerated && k >= Vector128<T>.Count)
        {
            Vector128<T> s0 = Vector128<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int w = Vector128<T>.Count; p + w <= k; p += w)
            {
                var xv = Vector128.Load(x + p);
                s0 += xv * Vector128.Load(b + p);
                s1 += xv * Vector128.Load(b1 + p);
                s2 += xv * Vector128.Load(b2 + p);
                s3 += xv * Vector128.Load(b3 + p);
            }
            (d0, d1, d2, d3) = (Vector128.Sum(s0), Vector128.Sum(s1), Vector128.Sum(s2), Vector128.Sum(s3));
        }
        for (; p < k; p++)
        {
            T xp = x[p];
            d0 += xp * b[p]; d1 += xp * b1[p]; d2 += xp * b2[p]; d3 += xp * b3[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Dot(T* x, T* b, int k)
    {
        int p = 0;
        T d = T.Zero;
        if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count)
        {
            Vector256<T> s = Vector256<T>.Zero;
            for (int w = Vector256<T>.Count; p + w <= k; p += w) s += Vector256.Load(x + p) * Vector256.Load(b + p);
            d = Vector256.Sum(s);
        }
        else if (Vector128.IsHardwareAccelerated && k >= Vector128<T>.Count)
        {
            Vector128<T> s = Vector128<T>.Zero;
            for (int w = Vector128<T>.Count; p + w <= k; p += w) s += Vector128.Load(x + p) * Vector128.Load(b + p);
            d = Vector128.Sum(s);
        }
        for (; p < k; p++) d += x[p] * b[p];
        return d;
    }
}
