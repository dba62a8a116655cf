using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The two AVX2 register tiles of the direct convolution (<see cref="ConvDirect"/>), for float (8 lanes) and double
/// (4 lanes). Both are the GEMM's 6×2w tile (12 accumulators; per step two vector loads, six broadcasts, twelve FMAs)
/// with the broadcast operand read straight from a <see cref="ConvLayout"/> copy instead of a packed panel, and the
/// vectors running over output channels, so every vector load is aligned.
/// </summary>
internal static unsafe class ConvKernel256<T> where T : unmanaged, INumber<T>
{
    /// <summary>Output positions of one <see cref="Correlate"/> tile.</summary>
    public const int Positions = 6;

    /// <summary>Taps of one <see cref="WeightGradient"/> tile.</summary>
    public const int Taps = 6;

    /// <summary>Lanes of one vector.</summary>
    public static int Lanes => Vector256<T>.Count;

    /// <summary>
    /// out[r·ldo + q·w + l] = bias[q·w + l] + Σ_p x_r[off[p]]·f[p·2w + q·w + l] for positions r &lt; 6 and two vectors
    /// q of w output channels: six output positions (x_r points at position r's place in a <see cref="ConvLayout"/> copy)
    /// by 2w channels of packed filters f, the depth walked through the tap offsets. The result is channels-last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Correlate(int depth, T* f, int* off, T** x, T* bias, T* o, nint ldo)
    {
        int n = Lanes;
        Vector256<T> a00 = Vector256.Load(bias), a01 = Vector256.Load(bias + n);
        Vector256<T> a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01, a40 = a00, a41 = a01, a50 = a00, a51 = a01;
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5];
        for (int p = 0; p < depth; p++, f += 2 * n)
        {
            nint at = off[p];
            Vector256<T> v0 = Vector256.Load(f), v1 = Vector256.Load(f + n);
            Vector256<T> t = Vector256.Create(x0[at]);
            a00 = GemmFma.Apply(t, v0, a00);
            a01 = GemmFma.Apply(t, v1, a01);
            t = Vector256.Create(x1[at]);
            a10 = GemmFma.Apply(t, v0, a10);
            a11 = GemmFma.Apply(t, v1, a11);
            t = Vector256.Create(x2[at]);
            a20 = GemmFma.Apply(t, v0, a20);
            a21 = GemmFma.Apply(t, v1, a21);
            t = Vector256.Create(x3[at]);
            a30 = GemmFma.Apply(t, v0, a30);
            a31 = GemmFma.Apply(t, v1, a31);
            t = Vector256.Create(x4[at]);
            a40 = GemmFma.Apply(t, v0, a40);
            a41 = GemmFma.Apply(t, v1, a41);
            t = Vector256.Create(x5[at]);
            a50 = GemmFma.Apply(t, v0, a50);
            a51 = GemmFma.Apply(t, v1, a51);
        }
        a00.Store(o);
        a01.Store(o + n);
        a10.Store(o + ldo);
        a11.Store(o + ldo + n);
        a20.Store(o + 2 * ldo);
        a21.Store(o + 2 * ldo + n);
        a30.Store(o + 3 * ldo);
        a31.Store(o + 3 * ldo + n);
        a40.Store(o + 4 * ldo);
        a41.Store(o + 4 * ldo + n);
        a50.Store(o + 5 * ldo);
        a51.Store(o + 5 * ldo + n);
    }

    /// <summary>
    /// As <see cref="Correlate"/> for one vector of w output channels and twelve positions (two tiles): positions r &lt; 6
    /// go to o[r·ldo + l], positions 6 ≤ r &lt; 12 to o2[(r − 6)·ldo + l]. Twelve accumulators keep both FMA pipes busy,
    /// where six would wait on the FMA latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CorrelateNarrow(int depth, T* f, int* off, T** x, T* bias, T* o, T* o2, nint ldo)
    {
        int n = Lanes;
        Vector256<T> a0 = Vector256.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector256<T> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5];
        T* x6 = x[6], x7 = x[7], x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11];
        for (int p = 0; p < depth; p++, f += n)
        {
            nint at = off[p];
            Vector256<T> v = Vector256.Load(f);
            a0 = GemmFma.Apply(Vector256.Create(x0[at]), v, a0);
            a1 = GemmFma.Apply(Vector256.Create(x1[at]), v, a1);
            a2 = GemmFma.Apply(Vector256.Create(x2[at]), v, a2);
            a3 = GemmFma.Apply(Vector256.Create(x3[at]), v, a3);
            a4 = GemmFma.Apply(Vector256.Create(x4[at]), v, a4);
            a5 = GemmFma.Apply(Vector256.Create(x5[at]), v, a5);
            a6 = GemmFma.Apply(Vector256.Create(x6[at]), v, a6);
            a7 = GemmFma.Apply(Vector256.Create(x7[at]), v, a7);
            a8 = GemmFma.Apply(Vector256.Create(x8[at]), v, a8);
            a9 = GemmFma.Apply(Vector256.Create(x9[at]), v, a9);
            a10 = GemmFma.Apply(Vector256.Create(x10[at]), v, a10);
            a11 = GemmFma.Apply(Vector256.Create(x11[at]), v, a11);
        }
        StoreRows(o, ldo, a0, a1, a2, a3, a4, a5);
        StoreRows(o2, ldo, a6, a7, a8, a9, a10, a11);
    }

    /// <summary>
    /// acc[r·lda + q] += Σ_{oy &lt; rows, ox &lt; cols} x_r[oy·ws + ox]·g[(oy·cols + ox)·ldg + q] for taps r &lt; 6 and
    /// q &lt; 2 vectors of output channels: six taps' weight gradients, the positions walked in order.
    /// </summary>
    /// <remarks>
    /// <c>x</c> holds six tap pointers into a <see cref="ConvLayout"/> copy (the tap offsets already added), each row
    /// <c>ws</c> apart; <c>g</c> is ∂L/∂y transposed to [positions, channels] (row stride <c>ldg</c>) at the tile's
    /// first channel; <c>acc</c> is the [taps, channels] gradient buffer with row stride <c>lda</c>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(int rows, int cols, nint ws, T** x, T* g, nint ldg, T* acc, nint lda)
    {
        int n = Lanes;
        Vector256<T> a00 = Vector256.Load(acc), a01 = Vector256.Load(acc + n);
        Vector256<T> a10 = Vector256.Load(acc + lda), a11 = Vector256.Load(acc + lda + n);
        Vector256<T> a20 = Vector256.Load(acc + 2 * lda), a21 = Vector256.Load(acc + 2 * lda + n);
        Vector256<T> a30 = Vector256.Load(acc + 3 * lda), a31 = Vector256.Load(acc + 3 * lda + n);
        Vector256<T> a40 = Vector256.Load(acc + 4 * lda), a41 = Vector256.Load(acc + 4 * lda + n);
        Vector256<T> a50 = Vector256.Load(acc + 5 * lda), a51 = Vector256.Load(acc + 5 * lda + n);
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5];
        for (int oy = 0; oy < rows; oy++, x0 += ws, x1 += ws, x2 += ws, x3 += ws, x4 += ws, x5 += ws)
            for (int ox = 0; ox < cols; ox++, g += ldg)
            {
                Vector256<T> v0 = Vector256.Load(g), v1 = Vector256.Load(g + n);
                Vector256<T> t = Vector256.Create(x0[ox]);
                a00 = GemmFma.Apply(t, v0, a00);
                a01 = GemmFma.Apply(t, v1, a01);
                t = Vector256.Create(x1[ox]);
                a10 = GemmFma.Apply(t, v0, a10);
                a11 = GemmFma.Apply(t, v1, a11);
                t = Vector256.Create(x2[ox]);
                a20 = GemmFma.Apply(t, v0, a20);
                a21 = GemmFma.Apply(t, v1, a21);
                t = Vector256.Create(x3[ox]);
                a30 = GemmFma.Apply(t, v0, a30);
                a31 = GemmFma.Apply(t, v1, a31);
                t = Vector256.Create(x4[ox]);
                a40 = GemmFma.Apply(t, v0, a40);
                a41 = GemmFma.Apply(t, v1, a41);
                t = Vector256.Create(x5[ox]);
                a50 = GemmFma.Apply(t, v0, a50);
                a51 = GemmFma.Apply(t, v1, a51);
            }
        a00.Store(acc);
        a01.Store(acc + n);
        a10.Store(acc + lda);
        a11.Store(acc + lda + n);
        a20.Store(acc + 2 * lda);
        a21.Store(acc + 2 * lda + n);
        a30.Store(acc + 3 * lda);
        a31.Store(acc + 3 * lda + n);
        a40.Store(acc + 4 * lda);
        a41.Store(acc + 4 * lda + n);
        a50.Store(acc + 5 * lda);
        a51.Store(acc + 5 * lda + n);
    }

    /// <summary>
    /// As <see cref="WeightGradient"/> for twelve taps and one vector of w output channels (groups of at most w
    /// channels): acc[r·lda + l] += Σ x_r[oy·ws + ox]·g[(oy·cols + ox)·ldg + l] for r &lt; 12, l &lt; w. Lanes past
    /// the group's channels read the next position's values from <c>g</c> and land in padding columns of <c>acc</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradientNarrow(int rows, int cols, nint ws, T** x, T* g, nint ldg, T* acc, nint lda)
    {
        Vector256<T> a0 = Vector256.Load(acc), a1 = Vector256.Load(acc + lda), a2 = Vector256.Load(acc + 2 * lda);
        Vector256<T> a3 = Vector256.Load(acc + 3 * lda), a4 = Vector256.Load(acc + 4 * lda), a5 = Vector256.Load(acc + 5 * lda);
        Vector256<T> a6 = Vector256.Load(acc + 6 * lda), a7 = Vector256.Load(acc + 7 * lda), a8 = Vector256.Load(acc + 8 * lda);
        Vector256<T> a9 = Vector256.Load(acc + 9 * lda), a10 = Vector256.Load(acc + 10 * lda), a11 = Vector256.Load(acc + 11 * lda);
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5];
        T* x6 = x[6], x7 = x[7], x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11];
        for (nint row = 0; row < rows; row++)
        {
            nint at = row * ws;
            for (int ox = 0; ox < cols; ox++, g += ldg)
            {
                Vector256<T> v = Vector256.Load(g);
                nint q = at + ox;
                a0 = GemmFma.Apply(Vector256.Create(x0[q]), v, a0);
                a1 = GemmFma.Apply(Vector256.Create(x1[q]), v, a1);
                a2 = GemmFma.Apply(Vector256.Create(x2[q]), v, a2);
                a3 = GemmFma.Apply(Vector256.Create(x3[q]), v, a3);
                a4 = GemmFma.Apply(Vector256.Create(x4[q]), v, a4);
                a5 = GemmFma.Apply(Vector256.Create(x5[q]), v, a5);
                a6 = GemmFma.Apply(Vector256.Create(x6[q]), v, a6);
                a7 = GemmFma.Apply(Vector256.Create(x7[q]), v, a7);
                a8 = GemmFma.Apply(Vector256.Create(x8[q]), v, a8);
                a9 = GemmFma.Apply(Vector256.Create(x9[q]), v, a9);
                a10 = GemmFma.Apply(Vector256.Create(x10[q]), v, a10);
                a11 = GemmFma.Apply(Vector256.Create(x11[q]), v, a11);
            }
        }
        StoreRows(acc, lda, a0, a1, a2, a3, a4, a5);
        StoreRows(acc + 6 * lda, lda, a6, a7, a8, a9, a10, a11);
    }

    /// <summary>o[r·ld + l] = v_r[l] for six rows r: the one-vector tiles' write-back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows(T* o, nint ld, Vector256<T> v0, Vector256<T> v1, Vector256<T> v2, Vector256<T> v3, Vector256<T> v4, Vector256<T> v5)
    {
        v0.Store(o);
        v1.Store(o + ld);
        v2.Store(o + 2 * ld);
        v3.Store(o + 3 * ld);
        v4.Store(o + 4 * ld);
        v5.Store(o + 5 * ld);
    }
}
