using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The AVX-512 register tiles of the direct convolution (<see cref="ConvDirect"/>), for float (16 lanes) and double
/// (8 lanes): eight output positions (or eight taps, for ∂L/∂W) by one or two vectors of output channels, as the GEMM's
/// 8×2w tile (<see cref="GemmKernel512{T}"/>). The broadcast operand is read straight from a <see cref="ConvLayout"/>
/// copy through eight pointers, the vectors run over output channels, and every vector load is aligned.
/// </summary>
/// <remarks>
/// Each element is summed in the same order as by <see cref="ConvKernel256{T}"/> (from the bias or the accumulator,
/// then tap by tap or position by position), so the two tile sets agree bit for bit.
/// </remarks>
internal static unsafe class ConvKernel512<T> where T : unmanaged, INumber<T>
{
    /// <summary>Output positions of one <see cref="Correlate"/> or <see cref="CorrelateNarrow"/> tile.</summary>
    public const int Positions = 8;

    /// <summary>Taps of one <see cref="WeightGradient"/> or <see cref="WeightGradientNarrow"/> tile.</summary>
    public const int Taps = 8;

    /// <summary>Lanes of one vector.</summary>
    public static int Lanes => Vector512<T>.Count;

    /// <summary>
    /// out[r·ldo + q·w + l] = bias[q·w + l] + Σ_p x_r[off[p]]·f[p·2w + q·w + l] for positions r &lt; 8 and two vectors q
    /// of w output channels (16 accumulators; per step two loads, eight broadcasts, sixteen FMAs). Channels-last result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Correlate(int depth, T* f, int* off, T** x, T* bias, T* o, nint ldo)
    {
        int n = Lanes;
        Vector512<T> a00 = Vector512.Load(bias), a01 = Vector512.Load(bias + n);
        Vector512<T> a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
        Vector512<T> a40 = a00, a41 = a01, a50 = a00, a51 = a01, a60 = a00, a61 = a01, a70 = a00, a71 = a01;
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        for (int p = 0; p < depth; p++, f += 2 * n)
        {
            nint at = off[p];
            Vector512<T> v0 = Vector512.Load(f), v1 = Vector512.Load(f + n);
            Vector512<T> t = Vector512.Create(x0[at]);
            a00 = GemmFma.Apply(t, v0, a00);
            a01 = GemmFma.Apply(t, v1, a01);
            t = Vector512.Create(x1[at]);
            a10 = GemmFma.Apply(t, v0, a10);
            a11 = GemmFma.Apply(t, v1, a11);
            t = Vector512.Create(x2[at]);
            a20 = GemmFma.Apply(t, v0, a20);
            a21 = GemmFma.Apply(t, v1, a21);
            t = Vector512.Create(x3[at]);
            a30 = GemmFma.Apply(t, v0, a30);
            a31 = GemmFma.Apply(t, v1, a31);
            t = Vector512.Create(x4[at]);
            a40 = GemmFma.Apply(t, v0, a40);
            a41 = GemmFma.Apply(t, v1, a41);
            t = Vector512.Create(x5[at]);
            a50 = GemmFma.Apply(t, v0, a50);
            a51 = GemmFma.Apply(t, v1, a51);
            t = Vector512.Create(x6[at]);
            a60 = GemmFma.Apply(t, v0, a60);
            a61 = GemmFma.Apply(t, v1, a61);
            t = Vector512.Create(x7[at]);
            a70 = GemmFma.Apply(t, v0, a70);
            a71 = GemmFma.Apply(t, v1, a71);
        }
        StoreRows(o, ldo, a00, a10, a20, a30, a40, a50, a60, a70);
        StoreRows(o + n, ldo, a01, a11, a21, a31, a41, a51, a61, a71);
    }

    /// <summary>
    /// As <see cref="Correlate"/> for one vector of w output channels: out[r·ldo + l] = bias[l] + Σ_p x_r[off[p]]·f[p·w + l]
    /// for positions r &lt; 8 (eight accumulators, one load and eight broadcasts per step).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CorrelateNarrow(int depth, T* f, int* off, T** x, T* bias, T* o, nint ldo)
    {
        int n = Lanes;
        Vector512<T> a0 = Vector512.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        for (int p = 0; p < depth; p++, f += n)
        {
            nint at = off[p];
            Vector512<T> v = Vector512.Load(f);
            a0 = GemmFma.Apply(Vector512.Create(x0[at]), v, a0);
            a1 = GemmFma.Apply(Vector512.Create(x1[at]), v, a1);
            a2 = GemmFma.Apply(Vector512.Create(x2[at]), v, a2);
            a3 = GemmFma.Apply(Vector512.Create(x3[at]), v, a3);
            a4 = GemmFma.Apply(Vector512.Create(x4[at]), v, a4);
            a5 = GemmFma.Apply(Vector512.Create(x5[at]), v, a5);
            a6 = GemmFma.Apply(Vector512.Create(x6[at]), v, a6);
            a7 = GemmFma.Apply(Vector512.Create(x7[at]), v, a7);
        }
        StoreRows(o, ldo, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>
    /// acc[r·lda + q·w + l] += Σ_{oy &lt; rows, ox &lt; cols} x_r[oy·ws + ox]·g[(oy·cols + ox)·ldg + q·w + l] for taps r &lt; 8
    /// and two vectors q of output channels; <c>x</c>, <c>g</c> and <c>acc</c> as in <see cref="ConvKernel256{T}.WeightGradient"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(int rows, int cols, nint ws, T** x, T* g, nint ldg, T* acc, nint lda)
    {
        int n = Lanes;
        Vector512<T> a00 = Vector512.Load(acc), a01 = Vector512.Load(acc + n);
        Vector512<T> a10 = Vector512.Load(acc + lda), a11 = Vector512.Load(acc + lda + n);
        Vector512<T> a20 = Vector512.Load(acc + 2 * lda), a21 = Vector512.Load(acc + 2 * lda + n);
        Vector512<T> a30 = Vector512.Load(acc + 3 * lda), a31 = Vector512.Load(acc + 3 * lda + n);
        Vector512<T> a40 = Vector512.Load(acc + 4 * lda), a41 = Vector512.Load(acc + 4 * lda + n);
        Vector512<T> a50 = Vector512.Load(acc + 5 * lda), a51 = Vector512.Load(acc + 5 * lda + n);
        Vector512<T> a60 = Vector512.Load(acc + 6 * lda), a61 = Vector512.Load(acc + 6 * lda + n);
        Vector512<T> a70 = Vector512.Load(acc + 7 * lda), a71 = Vector512.Load(acc + 7 * lda + n);
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        for (nint row = 0; row < rows; row++)
        {
            nint at = row * ws;
            for (int ox = 0; ox < cols; ox++, g += ldg)
            {
                nint q = at + ox;
                Vector512<T> v0 = Vector512.Load(g), v1 = Vector512.Load(g + n);
                Vector512<T> t = Vector512.Create(x0[q]);
                a00 = GemmFma.Apply(t, v0, a00);
                a01 = GemmFma.Apply(t, v1, a01);
                t = Vector512.Create(x1[q]);
                a10 = GemmFma.Apply(t, v0, a10);
                a11 = GemmFma.Apply(t, v1, a11);
                t = Vector512.Create(x2[q]);
                a20 = GemmFma.Apply(t, v0, a20);
                a21 = GemmFma.Apply(t, v1, a21);
                t = Vector512.Create(x3[q]);
                a30 = GemmFma.Apply(t, v0, a30);
                a31 = GemmFma.Apply(t, v1, a31);
                t = Vector512.Create(x4[q]);
                a40 = GemmFma.Apply(t, v0, a40);
                a41 = GemmFma.Apply(t, v1, a41);
                t = Vector512.Create(x5[q]);
                a50 = GemmFma.Apply(t, v0, a50);
                a51 = GemmFma.Apply(t, v1, a51);
                t = Vector512.Create(x6[q]);
                a60 = GemmFma.Apply(t, v0, a60);
                a61 = GemmFma.Apply(t, v1, a61);
                t = Vector512.Create(x7[q]);
                a70 = GemmFma.Apply(t, v0, a70);
                a71 = GemmFma.Apply(t, v1, a71);
            }
        }
        StoreRows(acc, lda, a00, a10, a20, a30, a40, a50, a60, a70);
        StoreRows(acc + n, lda, a01, a11, a21, a31, a41, a51, a61, a71);
    }

    /// <summary>
    /// As <see cref="WeightGradient"/> for one vector of w output channels (groups of at most w channels):
    /// acc[r·lda + l] += Σ x_r[oy·ws + ox]·g[(oy·cols + ox)·ldg + l] for taps r &lt; 8. Lanes past the group's channels
    /// read the next position's values from <c>g</c> and land in padding columns of <c>acc</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradientNarrow(int rows, int cols, nint ws, T** x, T* g, nint ldg, T* acc, nint lda)
    {
        Vector512<T> a0 = Vector512.Load(acc), a1 = Vector512.Load(acc + lda), a2 = Vector512.Load(acc + 2 * lda);
        Vector512<T> a3 = Vector512.Load(acc + 3 * lda), a4 = Vector512.Load(acc + 4 * lda), a5 = Vector512.Load(acc + 5 * lda);
        Vector512<T> a6 = Vector512.Load(acc + 6 * lda), a7 = Vector512.Load(acc + 7 * lda);
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        for (nint row = 0; row < rows; row++)
        {
            nint at = row * ws;
            for (int ox = 0; ox < cols; ox++, g += ldg)
            {
                Vector512<T> v = Vector512.Load(g);
                nint q = at + ox;
                a0 = GemmFma.Apply(Vector512.Create(x0[q]), v, a0);
                a1 = GemmFma.Apply(Vector512.Create(x1[q]), v, a1);
                a2 = GemmFma.Apply(Vector512.Create(x2[q]), v, a2);
                a3 = GemmFma.Apply(Vector512.Create(x3[q]), v, a3);
                a4 = GemmFma.Apply(Vector512.Create(x4[q]), v, a4);
                a5 = GemmFma.Apply(Vector512.Create(x5[q]), v, a5);
                a6 = GemmFma.Apply(Vector512.Create(x6[q]), v, a6);
                a7 = GemmFma.Apply(Vector512.Create(x7[q]), v, a7);
            }
        }
        StoreRows(acc, lda, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>o[r·ld + l] = v_r[l] for eight rows r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreRows(T* o, nint ld, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3,
        Vector512<T> v4, Vector512<T> v5, Vector512<T> v6, Vector512<T> v7)
    {
        v0.Store(o);
        v1.Store(o + ld);
        v2.Store(o + 2 * ld);
        v3.Store(o + 3 * ld);
        v4.Store(o + 4 * ld);
        v5.Store(o + 5 * ld);
        v6.Store(o + 6 * ld);
        v7.Store(o + 7 * ld);
    }
}
